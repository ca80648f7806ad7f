import { z } from 'zod';

const ref = z.string().min(1).max(80);

/** Where a case would start: a procedure, or with `nodeId` one of its steps. */
export const caseTargetSchema = z.strictObject({ flowId: ref, nodeId: ref.optional() });
export type CaseTarget = z.infer<typeof caseTargetSchema>;

/**
 * A desk card named by what it shows rather than by its JSON: a few ids instead of kilobytes.
 * The turn pipeline keeps these with a saved turn, to send the cards again if Teams re-sends the
 * turn after a crash; DeskCards renders them.
 */
const deskCardIntents = z.discriminatedUnion('card', [
  /**
   * The step a case stands on (answered: the same card after its click, with the chosen answer);
   * `entry`: the step a deep entry started at; `offerList`: the first card of a case the search
   * started, with "Niet wat je zocht? Kies uit de lijst". `flowChanged`: the first card this staff
   * member sees since the flow's version changed, which shows the flow's change note. Notices are
   * not kept: the card shows those valid when it is sent.
   */
  z.strictObject({
    card: z.literal('step'),
    caseId: ref,
    flowId: ref,
    nodeId: ref,
    step: z.number().int().min(1).max(1000),
    answered: z.string().max(200).optional(),
    entry: ref.optional(),
    offerList: z.boolean().optional(),
    flowChanged: z.literal(true).optional(),
  }),
  z.strictObject({ card: z.literal('menu'), intro: z.string().max(1000).optional() }),
  z.strictObject({ card: z.literal('welcome') }),
  z.strictObject({ card: z.literal('help'), mentionHint: z.boolean() }),
  /** "Bedoel je …?": two or three procedures or steps the typed text could mean. */
  z.strictObject({ card: z.literal('matches'), targets: z.array(caseTargetSchema).min(2).max(3) }),
  /** Another problem typed during a case (at `step` of `flowId`): start it instead, or go on. */
  z.strictObject({ card: z.literal('switch'), caseId: ref, flowId: ref, step: z.number().int().min(1).max(1000), targets: z.array(caseTargetSchema).min(1).max(3) }),
]);

/**
 * A "Bedoel je" card saved before deep entry named its procedures as `flowIds`; one saved by that
 * version just before a crash and a deploy is read as the same procedures from their top.
 */
const legacyMatches = z.strictObject({ card: z.literal('matches'), flowIds: z.array(ref).min(2).max(3) });
export const deskCardIntentSchema = z.preprocess((value) => {
  const legacy = legacyMatches.safeParse(value);
  return legacy.success ? { card: 'matches', targets: legacy.data.flowIds.map((flowId) => ({ flowId })) } : value;
}, deskCardIntents);
export type DeskCardIntent = z.infer<typeof deskCardIntents>;
