import { z } from 'zod';

/**
 * The least an incoming Bot Framework activity must have before it reaches the adapter. Other
 * fields pass through untouched (the adapter and the bot parse what they use); anything that is
 * not even this gets a 400 and changes nothing.
 */
export const activityBodySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(500).optional(),
  serviceUrl: z.string().url().max(2000),
  channelId: z.string().min(1).max(100),
  conversation: z.looseObject({
    id: z.string().min(1).max(1000),
    tenantId: z.string().max(100).optional(),
  }),
  text: z.string().max(28_000).optional(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string().max(100) }).optional() }).optional(),
});
export type ActivityBody = z.infer<typeof activityBodySchema>;

/** The tenant a Teams activity comes from: channelData.tenant.id, else conversation.tenantId. */
export function tenantOf(body: ActivityBody): string | undefined {
  return body.channelData?.tenant?.id ?? body.conversation.tenantId;
}
