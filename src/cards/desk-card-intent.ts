import { z } from 'zod';

const ref = z.string().min(1).max(80);

/**
 * A desk card named by what it shows rather than by its JSON: a few ids instead of kilobytes.
 * The turn pipeline keeps these with a saved turn, to send the cards again if Teams re-sends the
 * turn after a crash; DeskCards renders them.
 */
export const deskCardIntentSchema = z.discriminatedUnion('card', [
  /**
   * The step a case stands on (answered: the same card after its click, with the chosen answer).
   * `flowChanged`: the first card this staff member sees since the flow's version changed, which
   * shows the flow's change note. Notices are not kept: the card shows those valid when it is sent.
   */
  z.strictObject({ card: z.literal('step'), caseId: ref, flowId: ref, nodeId: ref, step: z.number().int().min(1).max(1000), answered: z.string().max(200).optional(), flowChanged: z.literal(true).optional() }),
  z.strictObject({ card: z.literal('menu'), intro: z.string().max(1000).optional() }),
  z.strictObject({ card: z.literal('welcome') }),
  z.strictObject({ card: z.literal('help'), mentionHint: z.boolean() }),
  z.strictObject({ card: z.literal('matches'), flowIds: z.array(ref).max(5) }),
]);
export type DeskCardIntent = z.infer<typeof deskCardIntentSchema>;
