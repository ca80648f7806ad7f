import { z } from 'zod';
import type { AdaptiveCardJson, CardTemplates } from '../cards/card-templates.js';
import type { Messages } from '../cards/messages.js';
import type { CaseRecords } from './case-records.js';
import type { CaseSummary } from './case-summary.js';
import { postFailureSchema } from './retry-policy.js';
import { outboxStatusSchema, summaryTargetSchema, type OutboxItem } from './summary-outbox.js';
import { channelSummaryData, staffSummaryData, type ShareState } from './summary-view.js';
import type { TeamRecord } from './team-registry.js';

type TeamChoice = Pick<TeamRecord, 'teamId' | 'teamName'>;

/**
 * The staff member's summary card named by its case rather than by its JSON, for the turn
 * pipeline to keep with a saved turn: rendered from the case record, which the same turn writes
 * first.
 */
export const summaryCardIntentSchema = z.strictObject({
  card: z.literal('summary'),
  caseId: z.string().min(1).max(80),
  teams: z.array(z.strictObject({ teamId: z.string().max(300), teamName: z.string().max(300).optional() })).max(50),
  item: z.strictObject({ status: outboxStatusSchema, attempts: z.number().int().nonnegative(), lastFailure: postFailureSchema.optional(), target: summaryTargetSchema.optional() }).optional(),
});
export type SummaryCardIntent = z.infer<typeof summaryCardIntentSchema>;

/** The cards of case summaries: the staff member's (with its share state) and the channel post. */
export class SummaryCards {
  constructor(
    private readonly templates: CardTemplates,
    readonly messages: Messages,
  ) {}

  /** The summary card in the staff member's chat, with its share state once shared. */
  summary(summary: CaseSummary, options: { readonly teams: readonly TeamChoice[]; readonly item?: ShareState }): AdaptiveCardJson {
    return this.templates.expand('summary', staffSummaryData(this.messages, summary, options));
  }

  /** The post in the team channel. */
  channelSummary(item: OutboxItem): AdaptiveCardJson {
    return this.templates.expand('channel-summary', channelSummaryData(this.messages, item));
  }

  /** What a summary card is, to keep it compactly. */
  intent(summary: CaseSummary, options: { readonly teams: readonly TeamChoice[]; readonly item?: ShareState }): SummaryCardIntent {
    const item = options.item && { status: options.item.status, attempts: options.item.attempts, lastFailure: options.item.lastFailure, target: options.item.target };
    return { card: 'summary', caseId: summary.caseId, teams: options.teams.map((t) => ({ teamId: t.teamId, teamName: t.teamName })), item };
  }

  /** The card an intent names; undefined when its case record is gone. */
  async render(intent: SummaryCardIntent, records: CaseRecords): Promise<AdaptiveCardJson | undefined> {
    const summary = await records.get(intent.caseId);
    return summary && this.summary(summary, { teams: intent.teams, item: intent.item });
  }
}
