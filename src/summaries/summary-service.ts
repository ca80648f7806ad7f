import type { Logger } from '../logging/logger.js';
import type { CaseState } from '../troubleshooting/case-state.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { CaseRecords } from './case-records.js';
import { summariseCase, type CaseSummary, type SummaryOutcome, type TakenOver } from './case-summary.js';
import type { StoredReference } from './conversation-ref.js';
import { maskNote } from './mask-note.js';
import type { SummaryCards } from './summary-cards.js';
import type { OutboxItem, SummaryOutbox, SummaryTarget } from './summary-outbox.js';
import type { TeamRecord, TeamRegistry } from './team-registry.js';

/** Where a turn happens, as far as summaries need it; the bot's edge reads it from the activity. */
export interface SummaryPlace {
  readonly conversationId: string;
  readonly staff: { readonly id: string; readonly name: string };
  readonly tenantId?: string;
  /** Set in a team's channel. */
  readonly team?: { readonly id: string; readonly name?: string };
  readonly channel?: { readonly id: string; readonly name?: string };
  /** This chat as a stored reference: to update the staff member's card later, and to reach a team's channels. */
  readonly reference?: StoredReference;
  /** The card that was clicked. */
  readonly replyToId?: string;
}

export interface SummaryServiceDeps {
  readonly catalog: FlowCatalog;
  readonly cards: SummaryCards;
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

/** What a "Deel in teamkanaal" click leads to: the summary card again with its share state, or a sentence. */
export type ShareReply = { readonly item: OutboxItem } | { readonly text: string };

/**
 * Case summaries, without Teams I/O: the summary and its card when a case ends, "Deel in
 * teamkanaal" into the outbox, the team registry kept up to date from install events, and
 * "samenvattingen hier". The outbox worker and the Teams edge do the sending.
 */
export class SummaryService {
  constructor(private readonly deps: SummaryServiceDeps) {}

  /**
   * Freezes the case into a summary (for a case continued from a colleague's, with who that was),
   * with the teams the summary card may offer (none in a team's own channel). The caller stores the summary (a case record) once its turn is saved, and sends
   * the card.
   */
  async caseEnded(place: SummaryPlace, state: CaseState, outcome: SummaryOutcome, endedAt: Date, endTitle?: string, more: { readonly takenOver?: TakenOver; readonly lastNodeId?: string } = {}): Promise<{ readonly summary: CaseSummary; readonly teams: readonly TeamRecord[] }> {
    const summary = summariseCase(this.deps.catalog, { state, outcome, endTitle, conversationId: place.conversationId, staff: place.staff, endedAt, takenOver: more.takenOver, lastNodeId: more.lastNodeId });
    return { summary, teams: place.team ? [] : await this.deps.registry.list() };
  }

  async share(place: SummaryPlace, request: { readonly caseId: string; readonly note?: string; readonly team?: string }): Promise<ShareReply> {
    const { records, outbox, cards, log } = this.deps;
    const messages = cards.messages;
    const summary = await records.get(request.caseId);
    if (!summary || summary.conversationId !== place.conversationId) return { text: messages.shareNotFound };
    const existing = await outbox.get(request.caseId);
    if (existing && existing.status !== 'failed') {
      log.info({ event: 'summary.share-repeated', status: existing.status }, 'summary already shared');
      return { text: messages.shareAlready };
    }
    const typed = maskNote(request.note ?? '', messages);
    const target = await this.resolveTarget(place, request.team);
    if (typeof target === 'string') {
      // No channel yet: keep what was typed, so the next "Deel in teamkanaal" needs no retyping.
      if (typed !== '' && typed !== summary.note) await records.save({ ...summary, note: typed });
      return { text: target };
    }
    if (!place.reference) return { text: messages.shareNotFound };
    const now = this.deps.now();
    const note = typed === '' ? (summary.note ?? '') : typed;
    const queued = await outbox.enqueue(
      {
        id: summary.caseId,
        summary: { ...summary, note: undefined },
        note: note === '' ? undefined : note,
        target,
        origin: { reference: place.reference, cardId: place.replyToId },
        status: 'pending',
        attempts: 0,
        createdAt: now.toISOString(),
        nextAttemptAt: now.toISOString(),
      },
      { replaceFailed: true },
    );
    if (!queued.created) return { text: messages.shareAlready };
    log.info({ event: 'summary.queued', outcome: summary.outcome, hasNote: note !== '' }, 'summary queued');
    this.deps.kick();
    return { item: queued.item };
  }

  /** "samenvattingen hier" in a team channel: the sentence to answer. */
  async summariesHere(place: SummaryPlace): Promise<string> {
    const messages = this.deps.cards.messages;
    if (!place.team || !place.channel) return messages.summariesHereNoTeam;
    if (!(await this.deps.registry.get(place.team.id))) await this.teamInstalled(place);
    const known = await this.deps.registry.setSummaryChannel(place.team.id, place.channel.id, place.channel.name);
    this.deps.log.info({ event: 'summaries.channel-set', known }, 'summary channel chosen');
    return known ? messages.summariesHere : messages.summariesHereNoTeam;
  }

  /** The bot was added to a team: remember the team and its General channel. */
  async teamInstalled(place: SummaryPlace): Promise<void> {
    if (!place.team) return;
    const reference = this.channelReference(place, place.team.id);
    if (!reference) return;
    await this.deps.registry.add({ teamId: place.team.id, teamName: place.team.name, reference, now: this.deps.now() });
    this.deps.log.info({ event: 'team.installed' }, 'bot added to a team');
  }

  async teamRemoved(teamId: string): Promise<void> {
    await this.deps.registry.remove(teamId);
    this.deps.log.info({ event: 'team.removed' }, 'bot removed from a team');
  }

  /** The team channel for this share, or the sentence to say why there is none. */
  private async resolveTarget(place: SummaryPlace, chosenTeam: string | undefined): Promise<SummaryTarget | string> {
    const { registry, cards } = this.deps;
    if (place.team) {
      if (!(await registry.get(place.team.id))) await this.teamInstalled(place);
      const team = await registry.get(place.team.id);
      if (team) return { teamId: team.teamId, teamName: team.teamName, channelId: team.summaryChannelId, channelName: team.summaryChannelName, reference: team.reference };
    }
    const teams = await registry.list();
    const team = chosenTeam ? teams.find((t) => t.teamId === chosenTeam) : teams.length === 1 ? teams[0] : undefined;
    if (team) return { teamId: team.teamId, teamName: team.teamName, channelId: team.summaryChannelId, channelName: team.summaryChannelName, reference: team.reference };
    if (teams.length > 1) return cards.messages.shareChooseTeam;
    const reference = this.deps.defaultChannelId ? this.channelReference(place, this.deps.defaultChannelId) : undefined;
    if (this.deps.defaultChannelId && reference) return { teamId: this.deps.defaultChannelId, channelId: this.deps.defaultChannelId, reference };
    return cards.messages.shareNoTeam;
  }

  /** A reference to post into a team's channel, built from this chat's service URL, tenant and bot. */
  private channelReference(place: SummaryPlace, conversationId: string): StoredReference | undefined {
    if (!place.reference) return undefined;
    return { ...place.reference, conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId: place.tenantId ?? place.reference.conversation.tenantId } };
  }
}
