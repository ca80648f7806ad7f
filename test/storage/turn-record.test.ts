import { describe, expect, it } from 'vitest';
import { activityKey, afterTurn, clickKey, isExpired, isRepeatClick, isReplay, readTurnRecord, REPEAT_CLICK_WINDOW_MS } from '../../src/storage/turn-record.js';

const answer = { v: 1, action: 'answer', caseId: 'c1', node: 'vraag', step: 1, answer: 'nee' };
const t0 = new Date('2026-11-23T09:00:00.000Z');
const later = (ms: number): Date => new Date(t0.getTime() + ms);

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

  it('expires after the case lifetime, counted from the last turn', () => {
    const record = afterTurn(undefined, { now: t0 });
    const day = 24 * 3_600_000;
    expect(isExpired(record, later(day - 1), day)).toBe(false);
    expect(isExpired(record, later(day + 1), day)).toBe(true);
  });

  it('parses what is stored, and starts afresh from anything else', () => {
    const record = afterTurn(undefined, { key: 'abc', click: 'def', now: t0 });
    expect(readTurnRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(readTurnRecord({ touchedAt: 'gisteren', seen: [] })).toBeUndefined();
    expect(readTurnRecord(undefined)).toBeUndefined();
  });
});
