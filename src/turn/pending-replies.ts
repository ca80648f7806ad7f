import type { Activity, ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { HeldReply } from './held-replies.js';

/**
 * How the turn pipeline names a reply compactly, and turns the name back into an activity: the
 * desk conversation's cards carry an intent (a few ids), which is kept instead of the card JSON.
 */
export interface ReplyCodec<R> {
  readonly schema: z.ZodType<R>;
  intentOf(activity: Partial<Activity>): R | undefined;
  render(intent: R): Promise<Partial<Activity> | undefined>;
  /** Replies whose id the conversation keeps once they are sent (see KeptId). */
  readonly keepsId?: KeptId<R>;
}

/**
 * A reply the conversation must find again by id (the live card of a case, to close it from a
 * later turn), while its id is only known once it is sent, after the turn's state was saved: the
 * state property that keeps it, which replies are wanted, and that property's value once `intent`
 * was sent as `id` (undefined: leave it as it is).
 */
export interface KeptId<R> {
  readonly property: string;
  wanted(intent: R): boolean;
  record(current: unknown, intent: R, id: string): unknown;
}

/** The fields of an activity that are the conversation's, not the reply's: set again when it is sent. */
const REFERENCE_FIELDS = new Set(['from', 'recipient', 'conversation', 'serviceUrl', 'channelId', 'replyToId', 'locale', 'timestamp', 'localTimestamp', 'relatesTo']);

const activitySchema = z.record(z.string(), z.unknown());

function packedSchema<R>(intent: z.ZodType<R>) {
  return z.array(
    z.discriminatedUnion('op', [
      z.strictObject({ op: z.literal('send'), intent: intent.optional(), activity: activitySchema.optional() }),
      z.strictObject({ op: z.literal('answer'), intent: intent.optional(), activity: activitySchema.optional() }),
      z.strictObject({ op: z.literal('update'), id: z.string().max(300), intent: intent.optional(), activity: activitySchema.optional() }),
      z.strictObject({ op: z.literal('delete'), reference: activitySchema }),
    ]),
  );
}
type Packed<R> = z.infer<ReturnType<typeof packedSchema<R>>>;

/** A turn's held replies as they are kept with its saved state: intents where the activity has one, else the activity without its conversation fields. */
export function packReplies<R>(replies: readonly HeldReply[], codec: ReplyCodec<R>): Packed<R> {
  const packed: Packed<R> = [];
  for (const reply of replies) {
    if (reply.kind === 'delete') packed.push({ op: 'delete', reference: json(reply.reference) });
    else if (reply.kind === 'answer') {
      const intent = codec.intentOf(reply.activity);
      packed.push(intent === undefined ? { op: 'answer', activity: bare(reply.activity) } : { op: 'answer', intent });
    } else if (reply.kind === 'update') {
      const intent = codec.intentOf(reply.activity);
      packed.push({ op: 'update', id: reply.activity.id ?? '', ...(intent === undefined ? { activity: bare(reply.activity) } : { intent }) });
    } else {
      for (const activity of reply.activities) {
        const intent = codec.intentOf(activity);
        packed.push(intent === undefined ? { op: 'send', activity: bare(activity) } : { op: 'send', intent });
      }
    }
  }
  return packed;
}

/** Kept replies as activities to send again; undefined when they cannot be read. Replies whose content is gone are left out. */
export async function unpackReplies<R>(raw: unknown, codec: ReplyCodec<R>): Promise<HeldReply[] | undefined> {
  const parsed = packedSchema(codec.schema).safeParse(raw);
  if (!parsed.success) return undefined;
  const replies: HeldReply[] = [];
  for (const item of parsed.data) {
    if (item.op === 'delete') {
      replies.push({ kind: 'delete', reference: item.reference as Partial<ConversationReference> });
      continue;
    }
    const activity = item.intent === undefined ? (item.activity as Partial<Activity> | undefined) : await codec.render(item.intent);
    if (!activity) continue;
    if (item.op === 'update') replies.push({ kind: 'update', activity: { ...activity, id: item.id, type: 'message' } });
    else if (item.op === 'answer') replies.push({ kind: 'answer', activity });
    else replies.push({ kind: 'send', activities: [activity] });
  }
  return replies;
}

function bare(activity: Partial<Activity>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(json(activity)).filter(([key]) => !REFERENCE_FIELDS.has(key)));
}

function json(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
