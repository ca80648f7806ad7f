import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Storage } from 'botbuilder';
import { afterAll, describe, expect, it } from 'vitest';
import { ConversationConflictError, ETagConversationState } from '../../src/storage/etag-conversation-state.js';
import { FileStorage } from '../../src/storage/file-storage.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function fileStorage(): Promise<Storage> {
  const dir = await mkdtemp(join(tmpdir(), 'etag-state-'));
  dirs.push(dir);
  return FileStorage.open(dir);
}

const adapter = new TestAdapter();
const turn = (): TurnContext =>
  new TurnContext(adapter, { type: 'message', channelId: 'msteams', conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'u', name: '' }, recipient: { id: 'b', name: '' } });

/** Two turns of one conversation that both read the state before either saves. */
async function race(state: ConversationState): Promise<{ first: () => Promise<void>; second: () => Promise<void>; stored: () => Promise<unknown> }> {
  const step = state.createProperty<number>('step');
  const [a, b] = [turn(), turn()];
  expect(await step.get(a, 1)).toBe(1);
  expect(await step.get(b, 1)).toBe(1);
  await step.set(a, 2);
  await step.set(b, 2);
  return {
    first: () => state.saveChanges(a),
    second: () => state.saveChanges(b),
    stored: async () => {
      const c = turn();
      return step.get(c);
    },
  };
}

describe.each([
  ['MemoryStorage', async (): Promise<Storage> => new MemoryStorage()],
  ['FileStorage', fileStorage],
])('ETagConversationState on %s', (_name, makeStorage) => {
  it('refuses the second of two turns that read the same version (ConversationConflictError)', async () => {
    const storage = await makeStorage();
    const state = new ETagConversationState(storage);
    const seed = turn();
    state.createProperty<number>('step');
    await state.load(seed);
    await state.saveChanges(seed, true);

    const { first, second, stored } = await race(state);
    await first();
    await expect(second()).rejects.toBeInstanceOf(ConversationConflictError);
    expect(await stored()).toBe(2);
  });

  it('(why it exists) botbuilder ConversationState lets the second turn overwrite the first without noticing', async () => {
    const storage = await makeStorage();
    const plain = new ConversationState(storage);
    const seed = turn();
    await plain.load(seed);
    await plain.saveChanges(seed, true);
    const { first, second } = await race(plain);
    await first();
    await expect(second()).resolves.toBeUndefined();
  });

  it('writes nothing when the turn changed nothing, and can save twice in one turn', async () => {
    const storage = await makeStorage();
    const state = new ETagConversationState(storage);
    const step = state.createProperty<number>('step');
    const context = turn();
    expect(await step.get(context)).toBeUndefined();
    await state.saveChanges(context);
    expect(await storage.read(['msteams/conversations/conv-1/'])).toEqual({});

    await step.set(context, 2);
    await state.saveChanges(context);
    await step.set(context, 3);
    await state.saveChanges(context);
    expect(await step.get(turn())).toBe(3);
  });
});
