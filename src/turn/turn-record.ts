import { z } from 'zod';
import { hashText } from '../logging/hash-id.js';

/** The conversation state property the turn pipeline keeps its record in. */
export const TURN_RECORD_PROPERTY = 'turns';

/** How many recent activity ids are remembered to recognise Teams re-sending one. */
const MAX_SEEN = 8;

/**
 * A second identical click on the same card within this time is a double click. Teams re-sends
 * (same activity id, after ~15 s) are caught by the id, so this only has to cover fingers.
 */
export const REPEAT_CLICK_WINDOW_MS = 30_000;

const fingerprintSchema = z.string().min(1).max(16);

/** Largest set of pending replies and effects kept for a re-sent activity (JSON characters); a larger one is not kept. */
export const MAX_PENDING_CHARS = 16 * 1024;

/** What a saved turn still had to deliver: its replies (as intents where it could) and its effects. */
const pendingSchema = z.strictObject({ key: fingerprintSchema, replies: z.array(z.unknown()).max(50), effects: z.array(z.unknown()).max(20) });
export type Pending = z.infer<typeof pendingSchema>;

/**
 * What the turn pipeline remembers per conversation, saved with the case in the same write (so
 * under the same eTag): when the conversation last changed, which activities were handled, the
 * click the last turn handled, and what the last saved turn still had to deliver (its replies and
 * its writes outside the state, packed), so a crash between the save and the sending loses
 * nothing: Teams re-sends the activity, and the pending replies go out then. Ids and clicks are
 * kept as short hashes: fixed size, no card text.
 */
export const turnRecordSchema = z.strictObject({
  touchedAt: z.iso.datetime(),
  seen: z.array(fingerprintSchema).max(MAX_SEEN),
  lastClick: z.strictObject({ key: fingerprintSchema, at: z.iso.datetime() }).optional(),
  pending: pendingSchema.optional(),
});
export type TurnRecord = z.infer<typeof turnRecordSchema>;

/** The fingerprint of the activity's id, when it has one. */
export function activityKey(activity: { readonly id?: string }): string | undefined {
  return activity.id ? hashText(activity.id) : undefined;
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

/** The record after a saved turn: touched now, its id remembered, its click the last one, its deliveries pending. */
export function afterTurn(
  record: TurnRecord | undefined,
  turn: { readonly key?: string; readonly click?: string; readonly now: Date; readonly pending?: Omit<Pending, 'key'> },
): TurnRecord {
  const at = turn.now.toISOString();
  const seen = turn.key === undefined ? (record?.seen ?? []) : [...(record?.seen ?? []).filter((k) => k !== turn.key), turn.key].slice(-MAX_SEEN);
  return {
    touchedAt: at,
    seen,
    lastClick: turn.click === undefined ? undefined : { key: turn.click, at },
    pending: turn.key === undefined || turn.pending === undefined || isEmpty(turn.pending) || JSON.stringify(turn.pending).length > MAX_PENDING_CHARS ? undefined : { key: turn.key, ...turn.pending },
  };
}

const isEmpty = (pending: Omit<Pending, 'key'>): boolean => pending.replies.length === 0 && pending.effects.length === 0;
