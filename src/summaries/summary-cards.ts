import { z } from 'zod';
import type { AdaptiveCardJson, CardTemplates } from '../cards/card-templates.js';
import type { Messages } from '../cards/messages.js';
import type { CaseRecords } from './case-records.js';
import { fill } from '../cards/messages.js';
import type { CaseSummary } from './case-summary.js';
import type { Handover, HandoverBoard } from './handover-board.js';
import { postFailureSchema } from './retry-policy.js';
import { outboxStatusSchema, summaryTargetSchema } from './summary-outbox.js';
import { channelSummaryData, openCaseData, staffSummaryData, type ChannelPost, type HandoverState, type ShareState } from './summary-view.js';
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

/** "open casussen" named by the teams it lists, rendered from the handover board whenever it is sent. */
export const openCasesIntentSchema = z.strictObject({ card: z.literal('open-cases'), teams: z.array(z.string().min(1).max(300)).min(1).max(2) });
export type OpenCasesIntent = z.infer<typeof openCasesIntentSchema>;

/** Most open cases one list shows ("open casussen", the daily digest); the rest is counted. */
export const MAX_LISTED_CASES = 20;

/** The cards of case summaries: the staff member's (with its share state), the channel post, and lists of open cases. */
export class SummaryCards {
  constructor(
    private readonly templates: CardTemplates,
    readonly messages: Messages,
    /** The library's time zone (config TIME_ZONE), for the dates on the cards. */
    readonly timeZone?: string,
  ) {}

  /** The summary card in the staff member's chat, with its share state once shared. */
  summary(summary: CaseSummary, options: { readonly teams: readonly TeamChoice[]; readonly item?: ShareState }): AdaptiveCardJson {
    return this.templates.expand('summary', staffSummaryData(this.messages, summary, { ...options, timeZone: this.timeZone }));
  }

  /** The post in the team channel; for an unresolved case, with who picked it up so far. */
  channelSummary(item: ChannelPost, handover?: HandoverState): AdaptiveCardJson {
    return this.templates.expand('channel-summary', channelSummaryData(this.messages, item, { handover, timeZone: this.timeZone }));
  }

  /** The open-cases card an intent names, as the board has them now. */
  async renderOpenCases(intent: OpenCasesIntent, board: HandoverBoard): Promise<AdaptiveCardJson> {
    return this.openCases('asked', await board.openCases(intent.teams, MAX_LISTED_CASES));
  }

  /** A team's open cases, oldest first, each with "Ik pak dit op": asked for (`open casussen`) or as the daily digest. */
  openCases(kind: 'asked' | 'digest', list: { readonly cases: readonly Handover[]; readonly total: number }): AdaptiveCardJson {
    const m = this.messages;
    const more = list.total - list.cases.length;
    return this.templates.expand('handover-list', {
      heading: fill(kind === 'digest' ? m.digestHeading : m.openCasesHeading, { n: list.total }),
      intro: list.total === 0 ? m.openCasesNone : kind === 'digest' ? m.digestIntro : m.openCasesIntro,
      cases: list.cases.map((h) => openCaseData(m, h, this.timeZone)),
      more: more > 0 ? fill(m.openCasesMore, { n: more }) : undefined,
    });
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
