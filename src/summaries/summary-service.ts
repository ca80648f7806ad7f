import { CardFactory, MessageFactory, TurnContext, ActivityTypes } from 'botbuilder';
import { z } from 'zod';
import type { CardRenderer } from '../cards/card-renderer.js';
import type { Submit } from '../cards/submit-schema.js';
import type { Logger } from '../logging/logger.js';
import { AfterSave } from '../storage/after-save.js';
import type { CaseState } from '../troubleshooting/case-state.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { CaseRecords } from './case-records.js';
import { summariseCase, type SummaryOutcome } from './case-summary.js';
import { toStoredReference, type StoredReference } from './conversation-ref.js';
import { maskNote } from './mask-note.js';
import type { OutboxItem, SummaryOutbox, SummaryTarget } from './summary-outbox.js';
import type { TeamRegistry } from './team-registry.js';

export interface SummaryServiceDeps {
  readonly catalog: FlowCatalog;
  readonly cards: CardRenderer;
  readonly records: CaseRecords;
  readonly outbox: SummaryOutbox;
  readonly registry: TeamRegistry;
  /** Wakes the outbox worker after a summary is queued. */
  readonly kick: () => void;
  readonly now: () => Date;
  readonly log: Logger;
  /** A channel for summaries from chats when the bot knows no team (config SUMMARY_CHANNEL_ID). */
  readonly defaultChannelId?: string;
}

/** What Teams puts in channelData; parsed, since it comes from outside. */
const teamsChannelDataSchema = z.looseObject({
  tenant: z.looseObject({ id: z.string() }).optional(),
  team: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
  channel: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
  eventType: z.string().optional(),
});
export type TeamsChannelData = z.infer<typeof teamsChannelDataSchema>;

export function teamsChannelData(context: TurnContext): TeamsChannelData {
  const parsed = teamsChannelDataSchema.safeParse(context.activity.channelData ?? {});
  return parsed.success ? parsed.data : {};
}

type Share = Extract<Submit, { action: 'share' }>;

/**
 * Case summaries: the summary card when a case ends, "Deel in teamkanaal" into the outbox, the
 * team registry kept up to date from install events, and "samenvattingen hier".
 */
export class SummaryService {
  constructor(private readonly deps: SummaryServiceDeps) {}

  /** Freezes the case into a summary, stores it, and shows the staff member the summary card. */
  async caseEnded(context: TurnContext, state: CaseState, outcome: SummaryOutcome, endTitle?: string): Promise<void> {
    const from = context.activity.from;
    const summary = summariseCase(this.deps.catalog, {
      state,
      outcome,
      endTitle,
      conversationId: context.activity.conversation.id,
      staff: { id: from?.id ?? 'onbekend', name: from?.name ?? '' },
      endedAt: this.deps.now(),
    });
    // Written once the turn is saved: a turn that loses its eTag race must leave no record behind.
    AfterSave.defer(context, () => this.deps.records.save(summary));
    const teams = isTeamChannel(context) ? [] : await this.deps.registry.list();
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(this.deps.cards.summary(summary, { teams }))));
  }

  async share(context: TurnContext, submit: Share): Promise<void> {
    const { records, outbox, cards, log } = this.deps;
    const messages = cards.messages;
    const summary = await records.get(submit.caseId);
    if (!summary || summary.conversationId !== context.activity.conversation.id) {
      await context.sendActivity(messages.shareNotFound);
      return;
    }
    const existing = await outbox.get(submit.caseId);
    if (existing && existing.status !== 'failed') {
      log.info({ event: 'summary.share-repeated', status: existing.status }, 'summary already shared');
      await context.sendActivity(messages.shareAlready);
      return;
    }
    const target = await this.resolveTarget(context, submit.team);
    if (typeof target === 'string') {
      await context.sendActivity(target);
      return;
    }
    const origin = toStoredReference(TurnContext.getConversationReference(context.activity), teamsChannelData(context).tenant?.id);
    if (!origin) {
      await context.sendActivity(messages.shareNotFound);
      return;
    }
    const now = this.deps.now();
    const note = maskNote(submit.note ?? '');
    const queued = await outbox.enqueue(
      {
        id: summary.caseId,
        summary,
        note: note === '' ? undefined : note,
        target,
        origin: { reference: origin, cardId: context.activity.replyToId },
        status: 'pending',
        attempts: 0,
        createdAt: now.toISOString(),
        nextAttemptAt: now.toISOString(),
      },
      { replaceFailed: true },
    );
    if (!queued.created) {
      await context.sendActivity(messages.shareAlready);
      return;
    }
    log.info({ event: 'summary.queued', outcome: summary.outcome, hasNote: note !== '' }, 'summary queued');
    await this.showState(context, queued.item);
    this.deps.kick();
  }

  /** "samenvattingen hier" in a team channel. */
  async summariesHere(context: TurnContext): Promise<void> {
    const data = teamsChannelData(context);
    const messages = this.deps.cards.messages;
    if (!data.team || !data.channel) {
      await context.sendActivity(messages.summariesHereNoTeam);
      return;
    }
    if (!(await this.deps.registry.get(data.team.id))) await this.teamInstalled(context);
    const known = await this.deps.registry.setSummaryChannel(data.team.id, data.channel.id, data.channel.name);
    this.deps.log.info({ event: 'summaries.channel-set', known }, 'summary channel chosen');
    await context.sendActivity(known ? messages.summariesHere : messages.summariesHereNoTeam);
  }

  /** The bot was added to a team: remember the team and its General channel. */
  async teamInstalled(context: TurnContext): Promise<void> {
    const data = teamsChannelData(context);
    if (!data.team) return;
    const reference = this.teamReference(context, data.team.id);
    if (!reference) return;
    await this.deps.registry.add({ teamId: data.team.id, teamName: data.team.name, reference, now: this.deps.now() });
    this.deps.log.info({ event: 'team.installed' }, 'bot added to a team');
  }

  async teamRemoved(context: TurnContext): Promise<void> {
    const data = teamsChannelData(context);
    if (!data.team) return;
    await this.deps.registry.remove(data.team.id);
    this.deps.log.info({ event: 'team.removed' }, 'bot removed from a team');
  }

  private async showState(context: TurnContext, item: OutboxItem): Promise<void> {
    const cardId = context.activity.replyToId;
    if (!cardId) return;
    try {
      await context.updateActivity({
        ...MessageFactory.attachment(CardFactory.adaptiveCard(this.deps.cards.summary(item.summary, { teams: [], item }))),
        id: cardId,
        type: ActivityTypes.Message,
      });
    } catch (error) {
      this.deps.log.warn({ event: 'card.update-failed', err: error instanceof Error ? error.message : 'unknown' }, 'could not update summary card');
    }
  }

  /** The team channel for this share, or the sentence to say why there is none. */
  private async resolveTarget(context: TurnContext, chosenTeam: string | undefined): Promise<SummaryTarget | string> {
    const { registry, cards } = this.deps;
    const data = teamsChannelData(context);
    if (data.team) {
      if (!(await registry.get(data.team.id))) await this.teamInstalled(context);
      const team = await registry.get(data.team.id);
      if (team) return { teamId: team.teamId, teamName: team.teamName, channelId: team.summaryChannelId, channelName: team.summaryChannelName, reference: team.reference };
    }
    const teams = await registry.list();
    const team = chosenTeam ? teams.find((t) => t.teamId === chosenTeam) : teams.length === 1 ? teams[0] : undefined;
    if (team) return { teamId: team.teamId, teamName: team.teamName, channelId: team.summaryChannelId, channelName: team.summaryChannelName, reference: team.reference };
    if (teams.length > 1) return cards.messages.shareChooseTeam;
    const reference = this.deps.defaultChannelId ? this.teamReference(context, this.deps.defaultChannelId) : undefined;
    if (this.deps.defaultChannelId && reference) return { teamId: this.deps.defaultChannelId, channelId: this.deps.defaultChannelId, reference };
    return cards.messages.shareNoTeam;
  }

  /** A reference to post into a team, built from the current activity's service URL, tenant and bot. */
  private teamReference(context: TurnContext, conversationId: string): StoredReference | undefined {
    const reference = TurnContext.getConversationReference(context.activity);
    return toStoredReference(
      { ...reference, conversation: { id: conversationId, isGroup: true, conversationType: 'channel', name: '', tenantId: teamsChannelData(context).tenant?.id } },
      teamsChannelData(context).tenant?.id,
    );
  }
}

export function isTeamChannel(context: TurnContext): boolean {
  return teamsChannelData(context).team !== undefined;
}
