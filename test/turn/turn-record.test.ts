import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../src/cards/messages.js';
import { clickIdentity, commandWords, readTurnInput } from '../../src/dialogs/turn-input.js';
import { hashText } from '../../src/logging/hash-id.js';
import { activityKey, afterTurn, isRepeatClick, isReplay, REPEAT_CLICK_WINDOW_MS, turnRecordSchema } from '../../src/turn/turn-record.js';

const words = commandWords(loadMessages('cards'));
const answer = { v: 1, action: 'answer', caseId: 'c1', node: 'vraag', step: 1, answer: 'nee' };
const t0 = new Date('2026-11-23T09:00:00.000Z');
const later = (ms: number): Date => new Date(t0.getTime() + ms);
/** The click key as the bot computes it: from the parsed card value and the card it came from. */
const clickKey = (activity: { value?: unknown; text?: string; replyToId?: string }): string | undefined => {
  const identity = clickIdentity(readTurnInput(activity.text, activity.value, words), activity.replyToId);
  return identity === undefined ? undefined : hashText(identity);
};

describe('the turn record', () => {
  it('knows an activity id it handled (Teams re-sending it) and forgets the oldest after eight', () => {
    let record = afterTurn(undefined, { key: activityKey({ id: 'a0' }), now: t0 });
    expect(isReplay(record, activityKey({ id: 'a0' }))).toBe(true);
    expect(isReplay(record, activityKey({ id: 'a1' }))).toBe(false);
    for (let i = 1; i <= 8; i++) record = afterTurn(record, { key: activityKey({ id: `a${i}` }), now: t0 });
    expect(isReplay(record, activityKey({ id: 'a0' }))).toBe(false);
    expect(isReplay(record, activityKey({ id: 'a8' }))).toBe(true);
    expect(record.seen).toHaveLength(8);
  });

  it('calls the same button on the same card right after the previous turn a repeat, not later and not after another turn', () => {
    const click = clickKey({ value: answer, replyToId: 'card-1' });
    const record = afterTurn(undefined, { key: 'k1', click, now: t0 });
    expect(isRepeatClick(record, clickKey({ value: { ...answer }, replyToId: 'card-1' }), later(800))).toBe(true);
    expect(isRepeatClick(record, click, later(REPEAT_CLICK_WINDOW_MS + 1))).toBe(false);
    expect(isRepeatClick(record, clickKey({ value: { ...answer, answer: 'ja' }, replyToId: 'card-1' }), later(800))).toBe(false);
    expect(isRepeatClick(record, clickKey({ value: answer, replyToId: 'card-2' }), later(800))).toBe(false);
    const typedBetween = afterTurn(record, { key: 'k2', now: later(500) });
    expect(isRepeatClick(typedBetween, click, later(800))).toBe(false);
  });

  it('gives the same click the same key whatever the key order Teams sends, and none to share clicks or text', () => {
    const reordered = { answer: 'nee', step: 1, node: 'vraag', caseId: 'c1', action: 'answer', v: 1 };
    expect(clickKey({ value: reordered, replyToId: 'x' })).toBe(clickKey({ value: answer, replyToId: 'x' }));
    expect(clickKey({ value: { v: 1, action: 'share', caseId: 'c1' }, replyToId: 'x' })).toBeUndefined();
    expect(clickKey({ text: 'proef probleem' })).toBeUndefined();
  });

  it('keeps what a saved turn still has to deliver, for that activity only, and nothing when it is too large', () => {
    const pending = { replies: [{ op: 'send', intent: { card: 'menu' } }], effects: [] };
    expect(afterTurn(undefined, { key: 'k1', now: t0, pending }).pending).toEqual({ key: 'k1', ...pending });
    expect(afterTurn(undefined, { key: 'k1', now: t0, pending: { replies: [], effects: [] } }).pending).toBeUndefined();
    expect(afterTurn(undefined, { now: t0, pending }).pending).toBeUndefined();
    const huge = { replies: [{ op: 'send', activity: { text: 'x'.repeat(20_000) } }], effects: [] };
    expect(afterTurn(undefined, { key: 'k1', now: t0, pending: huge }).pending).toBeUndefined();
  });

  it('parses what is stored, and refuses anything else', () => {
    const record = afterTurn(undefined, { key: 'abc', click: 'def', now: t0 });
    expect(turnRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(turnRecordSchema.safeParse({ touchedAt: 'gisteren', seen: [] }).success).toBe(false);
    expect(turnRecordSchema.safeParse(undefined).success).toBe(false);
  });
});

describe('what a staff member typed or clicked, read once', () => {
  it.each([
    ['help', { kind: 'command', command: 'help' }],
    ['  Stoppen! ', { kind: 'command', command: 'stop' }],
    ['/terug', { kind: 'command', command: 'back' }],
    ['samenvattingen   hier', { kind: 'command', command: 'summaries-here' }],
    ['klant kan niet inloggen', { kind: 'text', text: 'klant kan niet inloggen' }],
    ['', { kind: 'empty' }],
  ])('reads %j as a command, text or nothing', (text, expected) => {
    expect(readTurnInput(text, undefined, words)).toEqual(expected);
  });

  it('reads a card value as a click when the bot made it, and as an invalid click otherwise', () => {
    expect(readTurnInput(undefined, answer, words)).toEqual({ kind: 'submit', submit: answer });
    expect(readTurnInput('tekst', { v: 9, action: 'answer' }, words)).toEqual({ kind: 'invalid-submit' });
  });

  it('cuts a very long message before it is matched', () => {
    const input = readTurnInput('x'.repeat(10_000), undefined, words);
    expect(input.kind === 'text' && input.text.length).toBe(500);
  });
});
