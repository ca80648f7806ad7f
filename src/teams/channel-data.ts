import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { toStoredReference } from '../summaries/conversation-ref.js';
import type { SummaryPlace } from '../summaries/summary-service.js';

/** What Teams puts in channelData; parsed, since it comes from outside. */
const teamsChannelDataSchema = z.looseObject({
  tenant: z.looseObject({ id: z.string() }).optional(),
  team: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
  channel: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
  eventType: z.string().optional(),
});
export type TeamsChannelData = z.infer<typeof teamsChannelDataSchema>;

export function teamsChannelData(context: TurnContext): TeamsChannelData {
  const parsed = teamsChannelDataSchema.safeParse(context.activity.channelData ?? {});
  return parsed.success ? parsed.data : {};
}

/** Channels and group chats need an @mention; personal chats do not. */
export function isGroupConversation(context: TurnContext): boolean {
  const conversation = context.activity.conversation;
  return conversation?.conversationType === 'channel' || conversation?.conversationType === 'groupChat' || conversation?.isGroup === true;
}

/** Where this turn happens, read once from the activity: who, in which chat, team and channel. */
export function placeOf(context: TurnContext): SummaryPlace & { readonly isGroup: boolean } {
  const { activity } = context;
  const data = teamsChannelData(context);
  const tenantId = data.tenant?.id ?? activity.conversation?.tenantId;
  return {
    conversationId: activity.conversation?.id ?? '',
    staff: { id: activity.from?.id ?? '', name: activity.from?.name ?? '' },
    tenantId,
    team: data.team && { id: data.team.id, name: data.team.name },
    channel: data.channel && { id: data.channel.id, name: data.channel.name },
    reference: toStoredReference(TurnContext.getConversationReference(activity), tenantId),
    replyToId: activity.replyToId,
    isGroup: isGroupConversation(context),
  };
}
