import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { submitSchema } from '../cards/submit-schema.js';

/** The conversation state property the turn guard keeps its record in. */
export const TURN_RECORD_PROPERTY = 'turns';

/** How many recent activity ids are remembered to recognise Teams re-sending one. */
const MAX_SEEN = 8;

/**
 * A second identical click on the same card within this time is a double click. Teams re-sends
 * (same activity id, after ~15 s) are caught by the id, so this only has to cover fingers.
 */
export const REPEAT_CLICK_WINDOW_MS = 30_000;

const fingerprintSchema = z.string().min(1).max(16);

/**
 * What the turn guard remembers per conversation, saved with the case in the same write (so under
 * the same eTag): when the conversation was last used, which activities were handled, and the
 * click the last turn handled. Ids and clicks are kept as short hashes: fixed size, no card text.
 */
export const turnRecordSchema = z.strictObject({
  touchedAt: z.iso.datetime(),
  seen: z.array(fingerprintSchema).max(MAX_SEEN),
  lastClick: z.strictObject({ key: fingerprintSchema, at: z.iso.datetime() }).optional(),
});
export type TurnRecord = z.infer<typeof turnRecordSchema>;

/** The stored record, parsed; undefined when there is none or it does not parse (then it starts afresh). */
export function readTurnRecord(raw: unknown): TurnRecord | undefined {
  const parsed = turnRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** A short, stable hash of an id or a click. */
export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 12);
}

/** The fingerprint of the activity's id, when it has one. */
export function activityKey(activity: Partial<Activity>): string | undefined {
  return activity.id ? fingerprint(activity.id) : undefined;
}

/**
 * The fingerprint of a card click: the card it came from and what the button carries. Share
 * clicks are left out: the summary outbox already makes them idempotent per case, and "Opnieuw
 * delen" legitimately repeats the click of the same card.
 */
export function clickKey(activity: Partial<Activity>): string | undefined {
  const parsed = submitSchema.safeParse(activity.value);
  if (!parsed.success || parsed.data.action === 'share') return undefined;
  // The parsed submit has its keys in schema order, so the same button always gives the same text.
  return fingerprint(`${activity.replyToId ?? ''}|${JSON.stringify(parsed.data)}`);
}

/** Teams sent this activity before, and it was handled. */
export function isReplay(record: TurnRecord, key: string | undefined): boolean {
  return key !== undefined && record.seen.includes(key);
}

/** The same button on the same card as the turn before, moments later. */
export function isRepeatClick(record: TurnRecord, click: string | undefined, now: Date): boolean {
  if (click === undefined || record.lastClick?.key !== click) return false;
  return now.getTime() - Date.parse(record.lastClick.at) <= REPEAT_CLICK_WINDOW_MS;
}

/** Nothing happened in this conversation for longer than the case lifetime. */
export function isExpired(record: TurnRecord, now: Date, ttlMs: number): boolean {
  return now.getTime() - Date.parse(record.touchedAt) > ttlMs;
}

/** The record after a handled turn: touched now, its id remembered, its click the last one. */
export function afterTurn(record: TurnRecord | undefined, turn: { readonly key?: string; readonly click?: string; readonly now: Date }): TurnRecord {
  const at = turn.now.toISOString();
  const seen = turn.key === undefined ? (record?.seen ?? []) : [...(record?.seen ?? []).filter((k) => k !== turn.key), turn.key].slice(-MAX_SEEN);
  return { touchedAt: at, seen, lastClick: turn.click === undefined ? undefined : { key: turn.click, at } };
}
