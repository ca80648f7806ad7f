import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { keyedStatisticsRecordSchema } from '../statistics/statistics-record.js';
import { unrecognisedPhraseSchema } from '../statistics/unrecognised-phrases.js';
import { summaryOutcomeSchema, takenOverSchema } from '../summaries/case-summary.js';
import { caseStateSchema } from '../troubleshooting/case-state.js';

const ref = z.string().min(1).max(80);
const team = z.string().min(1).max(300);

/** A staff member's own chat with the bot, to be opened from a team channel: who, in which tenant, through which Bot Connector. */
export const personalChatSchema = z.strictObject({
  userId: z.string().min(1).max(200),
  tenantId: z.string().max(100).optional(),
  serviceUrl: z.string().url().max(2000),
  bot: z.strictObject({ id: z.string().min(1).max(200), name: z.string().max(200).optional() }),
});
export type PersonalChat = z.infer<typeof personalChatSchema>;

/**
 * What a turn writes or does outside its conversation state, once that state is saved. When a
 * case ends: its statistics record, and (when the staff member gets a summary) its case record for
 * "Deel in teamkanaal". Besides: a handed-over case's channel card shown anew, a claimed case
 * continued in the claimer's own chat, a sentence for one staff member only, a flow version seen.
 * They are kept with the state until then, so a turn that runs twice or is re-sent after a crash
 * does exactly what the staff member saw (each is keyed or rendered from stored state, so doing it
 * again changes nothing). For a summarised case the case itself is kept, not the records made
 * from it: a few ids instead of every step's title. Typed text the bot did not recognise is
 * counted the same way, after the save.
 */
export const caseEffectSchema = z.discriminatedUnion('kind', [
  /** A case without a summary (switched, expired, stopped or ended before any answer): its statistics record only. */
  z.strictObject({ kind: z.literal('statistics'), keyed: keyedStatisticsRecordSchema }),
  /** A case with a summary: the case, to make both its statistics record and its case record from. */
  z.strictObject({
    kind: z.literal('summarised'),
    state: caseStateSchema,
    outcome: summaryOutcomeSchema,
    /** The step the case ended on, when it could still be placed in its flow. */
    lastNodeId: z.string().max(80).optional(),
    endedAt: z.iso.datetime(),
    conversationId: z.string().min(1).max(500),
    staff: z.strictObject({ id: z.string().min(1).max(200), name: z.string().max(200) }),
    endTitle: z.string().max(300).optional(),
    /** A case continued from a colleague's (handed over in the team channel): who, and their note. */
    takenOver: takenOverSchema.optional(),
  }),
  /** A handed-over case changed (claimed, continued, handled): its channel card is shown anew to everyone. */
  z.strictObject({ kind: z.literal('handover-card'), team, caseId: ref }),
  /** The claimer continues a handed-over case: its copy is started in their own chat with the bot. */
  z.strictObject({ kind: z.literal('handover-continue'), team, caseId: ref, to: personalChatSchema }),
  /** A sentence for one staff member only, in their own chat (a card click in a channel cannot be answered privately there). */
  z.strictObject({ kind: z.literal('tell'), to: personalChatSchema, text: z.string().min(1).max(1000) }),
  /** The staff member (a hash of their id) has seen this version of a flow and its change note. */
  z.strictObject({ kind: z.literal('seen-version'), staffKey: z.string().min(1).max(40), flowId: ref, version: z.number().int().positive() }),
  /** Typed text nothing matched (no case involved): counted, masked, for the content editors. */
  z.strictObject({ kind: z.literal('unrecognised'), ...unrecognisedPhraseSchema.shape }),
]);
export type CaseEffect = z.infer<typeof caseEffectSchema>;

/** Queues an effect until the turn's state is saved (the turn pipeline does this). */
export type DeferEffect = (context: TurnContext, effect: CaseEffect) => void;
