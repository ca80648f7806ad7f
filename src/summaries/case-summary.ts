import { z } from 'zod';
import { caseEndingSchema } from '../troubleshooting/case-ending.js';
import { answeredSteps } from '../troubleshooting/engine.js';
import { trailSchema, type CaseState } from '../troubleshooting/case-state.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';

/** The endings a summary is made for: an end step's outcome, or stopped by the staff member. */
export const summaryOutcomeSchema = caseEndingSchema.extract(['opgelost', 'niet-opgelost', 'doorverwijzen', 'gestopt']);
export type SummaryOutcome = z.infer<typeof summaryOutcomeSchema>;

const text = z.string().min(1).max(300);
const person = z.strictObject({ id: z.string().min(1).max(200), name: z.string().max(200) });

/** The colleague a case was taken over from (a handed-over case continued), and the note they left. */
export const takenOverSchema = z.strictObject({ from: person, note: z.string().max(500).optional() });
export type TakenOver = z.infer<typeof takenOverSchema>;

/**
 * A finished case, frozen when it ends: only what the bot's own cards said and what was clicked
 * (node titles, button labels), plus who worked on it. Stored by case id until it is shared, and
 * parsed again whenever it is read back.
 */
export const caseSummarySchema = z.strictObject({
  caseId: z.string().min(1).max(80),
  conversationId: z.string().min(1).max(500),
  flowId: z.string().min(1).max(80),
  flowTitle: text,
  flowVersion: z.number().int().positive(),
  outcome: summaryOutcomeSchema,
  endTitle: text.optional(),
  /** The step a deep entry started at ("Gestart bij"). */
  entryTitle: text.optional(),
  /** The procedure (and step) an end step referred the case to ("Doorverwezen naar"). */
  continuedIn: text.optional(),
  steps: z.array(z.strictObject({ title: text, answer: text })).max(200),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
  staff: person,
  /**
   * The answers as ids (older summaries: with the steps), and the step a deep entry started at,
   * so a colleague who picks the case up can continue it where it stopped.
   */
  trail: trailSchema.optional(),
  entry: z.string().min(1).max(80).optional(),
  takenOver: takenOverSchema.optional(),
  /** A note typed for a share that could not go out yet (no team channel known); used when it can. Masked. */
  note: z.string().max(500).optional(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export interface SummaryInput {
  readonly state: CaseState;
  readonly outcome: SummaryOutcome;
  readonly endTitle?: string;
  readonly conversationId: string;
  readonly staff: { readonly id: string; readonly name: string };
  readonly endedAt: Date;
  readonly takenOver?: TakenOver;
  /** The step the case ended on, to name the procedure it referred to. */
  readonly lastNodeId?: string;
}

/** Freezes a case's answered steps into a summary. */
export function summariseCase(catalog: FlowCatalog, input: SummaryInput): CaseSummary {
  const flow = catalog.flow(input.state.flowId);
  return {
    caseId: input.state.caseId,
    conversationId: input.conversationId,
    flowId: input.state.flowId,
    flowTitle: flow?.title ?? input.state.flowId,
    flowVersion: input.state.flowVersion,
    outcome: input.outcome,
    endTitle: input.endTitle,
    entryTitle: input.state.entry === undefined ? undefined : catalog.node(input.state.flowId, input.state.entry)?.title,
    continuedIn: continuedIn(catalog, input.state.flowId, input.lastNodeId),
    steps: answeredSteps(catalog, input.state).map((s) => ({ title: s.node.title, answer: s.answer })),
    startedAt: input.state.startedAt,
    endedAt: input.endedAt.toISOString(),
    staff: { id: input.staff.id, name: input.staff.name },
    trail: input.state.trail,
    entry: input.state.entry,
    takenOver: input.takenOver,
  };
}

/** "Klant kan niet inloggen › Laat de klant het wachtwoord resetten": where an end step sent the case on. */
function continuedIn(catalog: FlowCatalog, flowId: string, lastNodeId: string | undefined): string | undefined {
  const last = lastNodeId === undefined ? undefined : catalog.node(flowId, lastNodeId);
  const to = last?.kind === 'end' ? last.continueIn : undefined;
  const flow = to && catalog.flow(to.flow);
  if (!to || !flow) return undefined;
  const node = to.node === undefined ? undefined : catalog.node(flow.id, to.node);
  return node ? `${flow.title} › ${node.title}` : flow.title;
}
