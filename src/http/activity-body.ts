import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** A user, bot or member as Teams names it: an id is all the bot relies on. */
const channelAccount = z.looseObject({
  id: z.string().min(1).max(1000),
  name: z.string().max(1000).optional(),
  aadObjectId: z.string().max(100).optional(),
});

/**
 * An entity in `entities`: every one has a type; a mention also names who is mentioned, because
 * the SDK's mention helpers read `mentioned.id` without checking it is there.
 */
const mentionSchema = z.looseObject({ mentioned: channelAccount, text: z.string().max(28_000).optional() });
const entity = z.looseObject({ type: z.string().min(1).max(200) }).superRefine((value, ctx) => {
  if (value.type !== 'mention') return;
  // Made once, not per entity: building a zod object schema compiles code for it.
  const mention = mentionSchema.safeParse(value);
  if (!mention.success) for (const issue of mention.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

/**
 * What an incoming Bot Framework activity must have before it reaches the adapter: the envelope
 * (type, ids, sender, recipient, conversation) and the shape of the fields the SDK's Teams handler
 * and the bot read without further checks (entities, membersAdded, membersRemoved). Other fields
 * pass through untouched (the bot parses what it uses, such as card values); anything that is not
 * even this gets a 400 and changes nothing.
 */
export const activityBodySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(500).optional(),
  serviceUrl: z.string().url().max(2000),
  channelId: z.string().min(1).max(100),
  from: channelAccount,
  recipient: channelAccount,
  conversation: z.looseObject({
    id: z.string().min(1).max(1000),
    tenantId: z.string().max(100).optional(),
  }),
  text: z.string().max(28_000).optional(),
  replyToId: z.string().max(500).optional(),
  entities: z.array(entity).max(100).optional(),
  membersAdded: z.array(channelAccount).max(1000).optional(),
  membersRemoved: z.array(channelAccount).max(1000).optional(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string().max(100) }).optional() }).optional(),
});
export type ActivityBody = z.infer<typeof activityBodySchema>;

/** The tenant a Teams activity comes from: channelData.tenant.id, else conversation.tenantId. */
export function tenantOf(body: ActivityBody): string | undefined {
  return body.channelData?.tenant?.id ?? body.conversation.tenantId;
}

/**
 * The checked body as the SDK's Activity, with its timestamps as dates (what CloudAdapter.process
 * does before a turn). botframework-schema declares fields required that Teams never sends
 * (label, valueType, listenFor, …), so the type is asserted here, once, after the schema check.
 */
export function toActivity(body: ActivityBody): Activity {
  const activity: Record<string, unknown> = { ...body };
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[`raw${field.charAt(0).toUpperCase()}${field.slice(1)}`] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}
