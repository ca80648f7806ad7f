import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';

/**
 * The part of a Bot Framework ConversationReference we store to post later (proactively).
 * Parsed with zod when read back from storage.
 */
export const storedReferenceSchema = z.object({
  serviceUrl: z.string().url(),
  channelId: z.string().min(1).max(50),
  conversation: z.object({
    id: z.string().min(1).max(500),
    tenantId: z.string().max(100).optional(),
    conversationType: z.string().max(50).optional(),
    isGroup: z.boolean().optional(),
  }),
  bot: z.object({ id: z.string().min(1).max(200), name: z.string().max(200).optional() }),
});
export type StoredReference = z.infer<typeof storedReferenceSchema>;

export function toStoredReference(reference: Partial<ConversationReference>, tenantId?: string): StoredReference | undefined {
  const parsed = storedReferenceSchema.safeParse({
    serviceUrl: reference.serviceUrl,
    channelId: reference.channelId,
    conversation: {
      id: reference.conversation?.id,
      tenantId: reference.conversation?.tenantId ?? tenantId,
      conversationType: reference.conversation?.conversationType,
      isGroup: reference.conversation?.isGroup,
    },
    bot: { id: reference.bot?.id, name: reference.bot?.name },
  });
  return parsed.success ? parsed.data : undefined;
}

export function toConversationReference(stored: StoredReference): Partial<ConversationReference> {
  return {
    serviceUrl: stored.serviceUrl,
    channelId: stored.channelId,
    conversation: { id: stored.conversation.id, tenantId: stored.conversation.tenantId, conversationType: stored.conversation.conversationType ?? '', isGroup: stored.conversation.isGroup ?? false, name: '' },
    bot: { id: stored.bot.id, name: stored.bot.name ?? '' },
  };
}
