import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { CONVERSATION_PREFIX } from '../../src/turn/conversation-state.js';
import { DeskDriver, textOf } from '../support/desk-driver.js';

const FIXTURE = 'test/fixtures/flows';
const KEY = `${CONVERSATION_PREFIX}msteams/conv-1`;

/** The open case as stored in the conversation's document. */
async function storedCase(store: MemoryStore): Promise<Record<string, unknown>> {
  const stored = await store.read(KEY);
  const value: unknown = stored?.value.case;
  if (typeof value !== 'object' || value === null) throw new Error('no open case stored');
  return { ...value };
}

/** Writes the open case's trail back the way an older version of the bot stored it. */
async function storeTrailAs(store: MemoryStore, trail: unknown): Promise<void> {
  const stored = await store.read(KEY);
  if (!stored) throw new Error('no conversation stored');
  await store.write(KEY, { ...stored.value, case: { ...(await storedCase(store)), trail } }, { ifMatch: stored.eTag });
}

describe('an open case stored by an older version of the bot (issue 19: the trail is stored as one string now)', () => {
  it('stores the answers as one string: two bytes a step less than a list', async () => {
    const store = new MemoryStore();
    const desk = new DeskDriver({ flowsDir: FIXTURE, store });
    await desk.say('proef probleem');
    await desk.click('Geen rechten');
    await desk.click('Gedaan');
    expect((await storedCase(store)).trail).toBe('nee verder');
  });

  it.each([
    ['a list of answer ids (before this change)', ['nee']],
    ['the steps with their answers (before issue 19)', [{ node: 'vraag', answer: 'nee' }]],
  ])('reads %s: the staff member clicks Gedaan and sees the next step, and the case is stored the new way', async (_shape, trail) => {
    const store = new MemoryStore();
    const desk = new DeskDriver({ flowsDir: FIXTURE, store });
    await desk.say('proef probleem');
    await desk.click('Geen rechten');
    await storeTrailAs(store, trail);

    const next = await desk.click('Gedaan');
    expect(textOf(next)).toContain('Zijn er nu rechten?');
    expect(textOf(next)).toContain('stap 3');
    expect((await storedCase(store)).trail).toBe('nee verder');
    // And back again: the case still knows both answers.
    expect(textOf(await desk.say('terug'))).toContain('stap 2');
    expect((await storedCase(store)).trail).toBe('nee');
  });
});
