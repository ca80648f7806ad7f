import { z } from 'zod';
import { ownerSchema } from './submit-schema.js';

const ref = z.string().min(1).max(80);

/** Where a case would start: a procedure, or with `nodeId` one of its steps. */
export const caseTargetSchema = z.strictObject({ flowId: ref, nodeId: ref.optional() });
export type CaseTarget = z.infer<typeof caseTargetSchema>;

/**
 * Why a case card has no buttons any more, besides an answer clicked on it (`answered`): the case
 * went a step back, began again, stopped, moved to another procedure or expired; the card was shown
 * again further down (`reshown`); or it is a final card (an end step followed by the summary, or a
 * card refreshed after it stopped being the live one) that needs no line saying why.
 */
export const closingSchema = z.enum(['back', 'restarted', 'stopped', 'switched', 'expired', 'reshown', 'final']);
export type Closing = z.infer<typeof closingSchema>;

/** The step card of a case as the bot sends it (one per step) and as it becomes once the case moves on. */
export const stepCardIntentSchema = z.strictObject({
  card: z.literal('step'),
  caseId: ref,
  flowId: ref,
  nodeId: ref,
  step: z.number().int().min(1).max(1000),
  /** The same card after its click, with the chosen answer and no buttons. */
  answered: z.string().max(200).optional(),
  /** The same card after the case moved on another way, with no buttons. */
  closed: closingSchema.optional(),
  /** Whose case it is, in a group chat or channel: named on the card and its buttons, and refreshed for them. */
  owner: ownerSchema.optional(),
  /** The card as anyone but its owner may see it: no buttons. */
  readOnly: z.literal(true).optional(),
  /** The step a deep entry started at: "Gestart bij …" and "Vanaf het begin". */
  entry: ref.optional(),
  /** The first card of a case the search started: "Niet wat je zocht? Kies uit de lijst". */
  offerList: z.literal(true).optional(),
  /**
   * The first card this staff member sees since the flow's version changed: it shows the flow's
   * change note. Notices are not kept: the card shows those valid when it is drawn.
   */
  flowChanged: z.literal(true).optional(),
});
export type StepCardIntent = z.infer<typeof stepCardIntentSchema>;

/**
 * A desk card named by what it shows rather than by its JSON: a few ids instead of kilobytes.
 * The turn pipeline keeps these with a saved turn, to send the cards again if Teams re-sends the
 * turn after a crash; DeskCards renders them.
 */
const deskCardIntents = z.discriminatedUnion('card', [
  stepCardIntentSchema,
  z.strictObject({ card: z.literal('menu'), intro: z.string().max(1000).optional() }),
  z.strictObject({ card: z.literal('welcome') }),
  z.strictObject({ card: z.literal('help'), mentionHint: z.boolean() }),
  /** "Bedoel je …?": two or three procedures or steps the typed text could mean. */
  z.strictObject({ card: z.literal('matches'), targets: z.array(caseTargetSchema).min(2).max(3) }),
  /**
   * Another problem typed during a case (at `step` of `flowId`): start it instead, or go on. Once
   * one is clicked, the card is drawn again with `chosen` (the button's title) and no buttons.
   */
  z.strictObject({
    card: z.literal('switch'),
    caseId: ref,
    flowId: ref,
    step: z.number().int().min(1).max(1000),
    targets: z.array(caseTargetSchema).max(3),
    owner: ownerSchema.optional(),
    chosen: z.string().min(1).max(200).optional(),
  }),
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

/** Whether a step card still has its buttons: the live card of its case. */
export function isLiveStep(intent: StepCardIntent): boolean {
  return intent.answered === undefined && intent.closed === undefined && intent.readOnly === undefined;
}
