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

  it('changes a property after the save over what the turn saved, and over the newer version when another turn wrote meanwhile', async () => {
    const store = await makeStore();
    const state = new ConversationState(store);
    const step = state.property('step', z.number());
    const card = state.property('card', z.string());
    const context = turn();
    await state.load(context);
    await step.set(context, 3);
    await card.set(context, 'stap 3');
    await state.save(context);
    await state.updateProperty(context, 'card', (current) => `${String(current)} (id a-1)`);
    await state.updateProperty(context, 'card', (current) => `${String(current)}, gezien`);
    expect((await store.read(KEY))?.value).toEqual({ step: 3, card: 'stap 3 (id a-1), gezien' });

    // Another turn moves the case on before this turn's follow-up lands: the follow-up sees its version.
    const other = turn();
    await state.load(other);
    await step.set(other, 4);
    await state.save(other);
    const seen: unknown[] = [];
    await state.updateProperty(context, 'card', (current) => {
      seen.push(current);
      return `${String(current)}, nog eens`;
    });
    expect(seen).toEqual(['stap 3 (id a-1), gezien', 'stap 3 (id a-1), gezien']);
    expect((await store.read(KEY))?.value).toEqual({ step: 4, card: 'stap 3 (id a-1), gezien, nog eens' });
    // A change that wants no write writes nothing.
    const before = (await store.read(KEY))?.eTag;
    await state.updateProperty(context, 'card', () => undefined);
    expect((await store.read(KEY))?.eTag).toBe(before);
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

describe('whose state a turn reads', () => {
  const inChat = (conversation: { id: string; conversationType: string; isGroup?: boolean }, from: { id: string; aadObjectId?: string }): TurnContext =>
    new TurnContext(adapter, { type: 'message', channelId: 'msteams', conversation: { isGroup: false, name: '', ...conversation }, from: { name: '', ...from }, recipient: { id: 'b', name: '' } });
  const balie = { id: '29:balie', aadObjectId: '00000000-0000-0000-0000-000000000020' };
  const collega = { id: '29:collega', aadObjectId: '00000000-0000-0000-0000-000000000021' };

  it('in a personal chat: the conversation\'s one document', () => {
    expect(ConversationState.keyOf(inChat({ id: 'a:persoonlijk', conversationType: 'personal' }, balie))).toBe(`${CONVERSATION_PREFIX}msteams/a:persoonlijk`);
  });

  it.each([
    { place: 'group chat', conversation: { id: '19:groep@thread.v2', conversationType: 'groupChat', isGroup: true } },
    { place: 'channel thread', conversation: { id: '19:team@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true } },
  ])('in a $place: a document per staff member under the conversation (so the sweep finds it), not naming them', async ({ conversation }) => {
    const keys = [balie, collega, { id: '29:zonder-entra-id' }].map((from) => ConversationState.keyOf(inChat(conversation, from)) ?? '');
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(new RegExp(`^${CONVERSATION_PREFIX}msteams/${conversation.id.replace(/[.;]/g, '\\$&')}/user-[\\w-]{12}$`));
    expect(keys.map((key) => key.split('/').at(-1)).join()).not.toMatch(/balie|collega|zonder|00000000/);

    // Each one's case is their own: what one saves, the other does not read.
    const store = await fileStore();
    const state = new ConversationState(store);
    const step = state.property('step', z.number());
    const [mine, theirs] = [inChat(conversation, balie), inChat(conversation, collega)];
    await state.load(mine);
    await step.set(mine, 3);
    await state.save(mine);
    await state.load(theirs);
    expect(await step.get(theirs)).toBeUndefined();
    const listed: string[] = [];
    for await (const item of store.list(CONVERSATION_PREFIX)) listed.push(item.key);
    expect(listed).toEqual([keys[0]]);
  });
});
