import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, TurnContext } from 'botbuilder';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FileStore } from '../../src/storage/file-store.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { EtagConflict, type Store } from '../../src/storage/store.js';
import { CONVERSATION_PREFIX, ConversationState } from '../../src/turn/conversation-state.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function fileStore(): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), 'conversation-state-'));
  dirs.push(dir);
  return FileStore.open(dir);
}

const adapter = new TestAdapter();
const turn = (): TurnContext =>
  new TurnContext(adapter, { type: 'message', channelId: 'msteams', conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'u', name: '' }, recipient: { id: 'b', name: '' } });
const KEY = `${CONVERSATION_PREFIX}msteams/conv-1`;

describe.each([
  ['MemoryStore', async (): Promise<Store> => new MemoryStore()],
  ['FileStore', fileStore],
])('the conversation state on %s', (_name, makeStore) => {
  it('refuses the second of two turns that read the same version, whether the conversation existed or not', async () => {
    const state = new ConversationState(await makeStore());
    const step = state.property('step', z.number());
    for (const round of [1, 2]) {
      const [a, b] = [turn(), turn()];
      await state.load(a);
      await state.load(b);
      await step.set(a, round * 10);
      await step.set(b, round * 10 + 1);
      await state.save(a);
      await expect(state.save(b)).rejects.toBeInstanceOf(EtagConflict);
      const reader = turn();
      await state.load(reader);
      expect(await step.get(reader)).toBe(round * 10);
    }
  });

  it('changes nothing for a turn that changed nothing, and saves what a turn changed in place', async () => {
    const store = await makeStore();
    const state = new ConversationState(store);
    const stack = state.property('stack', z.custom<{ frames: string[] }>((v) => typeof v === 'object' && v !== null && 'frames' in v));
    const context = turn();
    await state.load(context);
    expect(await stack.get(context)).toBeUndefined();
    expect(state.changed(context)).toBe(false);
    (await stack.get(context, { frames: [] })).frames.push('flow:proef');
    expect(state.changed(context)).toBe(true);
    await state.save(context);
    expect((await store.read(KEY))?.value).toEqual({ stack: { frames: ['flow:proef'] } });
  });

  it('reads a stored value that no longer fits its schema as absent', async () => {
    const store = await makeStore();
    await store.write(KEY, { step: 'drie' });
    const state = new ConversationState(store);
    const context = turn();
    await state.load(context);
    expect(await state.property('step', z.number()).get(context)).toBeUndefined();
  });
});

it('refuses a property read before the turn loaded the state', async () => {
  const state = new ConversationState(new MemoryStore());
  await expect(state.property('x', z.string()).get(turn())).rejects.toThrow(/before it was loaded/);
});
