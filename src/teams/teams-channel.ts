import { ActivityTypes, Channels, type Activity, type BotAdapter, type ConversationParameters } from 'botbuilder';
import { cardActivity } from '../cards/card-activity.js';
import type { CaseRecords } from '../summaries/case-records.js';
import { toConversationReference } from '../summaries/conversation-ref.js';
import type { ChannelPoster, ShareStatusNotifier } from '../summaries/outbox-worker.js';
import type { SummaryCards } from '../summaries/summary-cards.js';
import type { OutboxItem, SummaryOrigin } from '../summaries/summary-outbox.js';
import type { TeamRegistry } from '../summaries/team-registry.js';

/**
 * The Bot Framework edge of the outbox: posts a summary as a new thread in a team channel and
 * updates the staff member's summary card with the share state, both proactively.
 */
export class TeamsChannel implements ChannelPoster, ShareStatusNotifier {
  constructor(
    private readonly adapter: BotAdapter,
    private readonly appId: string,
    private readonly cards: SummaryCards,
    private readonly registry: TeamRegistry,
    private readonly records: CaseRecords,
  ) {}

  async post(item: OutboxItem): Promise<{ conversationId: string; activityId?: string }> {
    const { reference, channelId } = item.target;
    const parameters: ConversationParameters = {
      isGroup: true,
      channelData: { channel: { id: channelId }, ...(reference.conversation.tenantId ? { tenant: { id: reference.conversation.tenantId } } : {}) },
      // The connector fills the rest of the activity; the SDK's type asks for a complete one.
      activity: { ...cardActivity(this.cards.channelSummary(item)), type: ActivityTypes.Message } as Activity,
      bot: { id: reference.bot.id, name: reference.bot.name ?? '' },
      members: [],
      tenantId: reference.conversation.tenantId,
    };
    let posted: { conversationId: string; activityId?: string } | undefined;
    await this.adapter.createConversationAsync(this.appId, Channels.Msteams, reference.serviceUrl, '', parameters, async (context) => {
      posted = { conversationId: context.activity.conversation.id, activityId: context.activity.id };
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
