import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { keyedStatisticsRecordSchema } from '../statistics/statistics-record.js';
import { unrecognisedPhraseSchema } from '../statistics/unrecognised-phrases.js';
import { summaryOutcomeSchema } from '../summaries/case-summary.js';
import { caseStateSchema } from '../troubleshooting/case-state.js';

/**
 * What a turn writes outside the conversation state: when a case ends, its statistics record,
 * and (when the staff member gets a summary) its case record for "Deel in teamkanaal". Both are
 * made from this when the turn's state is saved, and it is kept with that state until then, so a
 * turn that runs twice or is re-sent after a crash writes exactly what the staff member saw (both
 * are keyed by case, so writing again changes nothing). For a summarised case the case itself is
 * kept, not the records made from it: a few ids instead of every step's title. Typed text the bot
 * did not recognise is counted the same way, after the save.
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
  }),
  /** Typed text nothing matched (no case involved): counted, masked, for the content editors. */
  z.strictObject({ kind: z.literal('unrecognised'), ...unrecognisedPhraseSchema.shape }),
]);
export type CaseEffect = z.infer<typeof caseEffectSchema>;

/** Queues an effect until the turn's state is saved (the turn pipeline does this). */
export type DeferEffect = (context: TurnContext, effect: CaseEffect) => void;
