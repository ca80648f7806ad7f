import { ActivityTypes, Channels, type Activity, type BotAdapter, type ConversationParameters } from 'botbuilder';
import { cardActivity } from '../cards/card-activity.js';
import type { AdaptiveCardJson } from '../cards/card-templates.js';
import type { CaseRecords } from '../summaries/case-records.js';
import { toConversationReference, type StoredReference } from '../summaries/conversation-ref.js';
import type { Handover } from '../summaries/handover-board.js';
import type { DigestPoster } from '../summaries/handover-digest.js';
import type { ChannelPoster, ShareStatusNotifier } from '../summaries/outbox-worker.js';
import type { SummaryCards } from '../summaries/summary-cards.js';
import type { OutboxItem, SummaryOrigin } from '../summaries/summary-outbox.js';
import type { TeamRecord, TeamRegistry } from '../summaries/team-registry.js';

/**
 * The Bot Framework edge of the outbox and the handover: posts a summary (or the daily digest) as
 * a new thread in a team channel, updates the staff member's summary card with the share state,
 * and updates a handed-over case's channel card for everyone, all proactively.
 */
export class TeamsChannel implements ChannelPoster, ShareStatusNotifier, DigestPoster {
  constructor(
    private readonly adapter: BotAdapter,
    private readonly appId: string,
    private readonly cards: SummaryCards,
    private readonly registry: TeamRegistry,
    private readonly records: CaseRecords,
  ) {}

  async post(item: OutboxItem): Promise<{ conversationId: string; activityId?: string }> {
    return this.postCard(item.target.reference, item.target.channelId, this.cards.channelSummary(item));
  }

  async postToTeam(team: TeamRecord, card: AdaptiveCardJson): Promise<void> {
    await this.postCard(team.reference, team.summaryChannelId, card);
  }

  /** Shows a handed-over case's channel card as it stands now (claimed, handled), to everyone in the channel. */
  async showHandover(handover: Handover): Promise<void> {
    const { post } = handover;
    if (!post.activityId) return;
    const card = this.cards.channelSummary({ summary: handover.summary, note: handover.note, target: { teamId: handover.team } }, handover);
    const reference = toConversationReference({ ...post.reference, conversation: { ...post.reference.conversation, id: post.conversationId } });
    const activityId = post.activityId;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      await context.updateActivity({ ...cardActivity(card), id: activityId, type: ActivityTypes.Message });
    });
  }

  /** A card as a new thread in a team's channel, reached through the team's stored conversation. */
  private async postCard(reference: StoredReference, channelId: string, card: AdaptiveCardJson): Promise<{ conversationId: string; activityId?: string }> {
    const parameters: ConversationParameters = {
      isGroup: true,
      channelData: { channel: { id: channelId }, ...(reference.conversation.tenantId ? { tenant: { id: reference.conversation.tenantId } } : {}) },
      // The connector fills the rest of the activity; the SDK's type asks for a complete one.
      activity: { ...cardActivity(card), type: ActivityTypes.Message } as Activity,
      bot: { id: reference.bot.id, name: reference.bot.name ?? '' },
      members: [],
      tenantId: reference.conversation.tenantId,
    };
    let posted: { conversationId: string; activityId?: string } | undefined;
    await this.adapter.createConversationAsync(this.appId, Channels.Msteams, reference.serviceUrl, '', parameters, async (context) => {
      const conversationId = context.activity.conversation.id;
      posted = { conversationId, activityId: rootMessageId(conversationId) ?? context.activity.id };
    });
    if (!posted) throw new Error('the connector created no conversation');
    return posted;
  }

  async notify(item: OutboxItem): Promise<void> {
    await this.updateCard(item.origin, item.id, item);
  }

  async notifyUnreadable(caseId: string, origin: SummaryOrigin): Promise<void> {
    await this.updateCard(origin, caseId, { status: 'failed', attempts: 0, lastFailure: { code: 'unreadable' } });
  }

  private async updateCard(origin: SummaryOrigin, caseId: string, state: Parameters<SummaryCards['summary']>[1]['item']): Promise<void> {
    const cardId = origin.cardId;
    const summary = await this.records.get(caseId);
    if (!cardId || !summary) return;
    const teams = await this.registry.list();
    await this.adapter.continueConversationAsync(this.appId, toConversationReference(origin.reference), async (context) => {
      await context.updateActivity({ ...cardActivity(this.cards.summary(summary, { teams, item: state })), id: cardId, type: ActivityTypes.Message });
    });
  }
}

/**
 * The id of a channel thread's first message: Teams names a thread `<channel>;messageid=<id of
 * its first message>`. (The adapter's create activity carries the conversation id as its own
 * id, which Teams would not find as a message to update.)
 */
function rootMessageId(conversationId: string): string | undefined {
  return /;messageid=([^;]+)$/.exec(conversationId)?.[1];
}
