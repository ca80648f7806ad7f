import { ActivityTypes, CardFactory, Channels, MessageFactory, type Activity, type BotAdapter, type ConversationParameters } from 'botbuilder';
import type { CardRenderer } from '../cards/card-renderer.js';
import type { CaseRecords } from './case-records.js';
import { toConversationReference } from './conversation-ref.js';
import type { ChannelPoster, ShareStatusNotifier } from './outbox-worker.js';
import type { OutboxItem } from './summary-outbox.js';
import type { TeamRegistry } from './team-registry.js';

/**
 * The Bot Framework edge of the outbox: posts a summary as a new thread in a team channel and
 * updates the staff member's summary card with the share state, both proactively.
 */
export class TeamsChannel implements ChannelPoster, ShareStatusNotifier {
  constructor(
    private readonly adapter: BotAdapter,
    private readonly appId: string,
    private readonly cards: CardRenderer,
    private readonly registry: TeamRegistry,
    private readonly records: CaseRecords,
  ) {}

  async post(item: OutboxItem): Promise<{ conversationId: string; activityId?: string }> {
    const { reference, channelId } = item.target;
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(this.cards.channelSummary(item)));
    const parameters: ConversationParameters = {
      isGroup: true,
      channelData: { channel: { id: channelId }, ...(reference.conversation.tenantId ? { tenant: { id: reference.conversation.tenantId } } : {}) },
      // The connector fills the rest of the activity; the SDK's type asks for a complete one.
      activity: { ...activity, type: ActivityTypes.Message } as Activity,
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
    const cardId = item.origin.cardId;
    if (!cardId) return;
    const summary = (await this.records.get(item.id)) ?? item.summary;
    const teams = await this.registry.list();
    await this.adapter.continueConversationAsync(this.appId, toConversationReference(item.origin.reference), async (context) => {
      await context.updateActivity({
        ...MessageFactory.attachment(CardFactory.adaptiveCard(this.cards.summary(summary, { teams, item }))),
        id: cardId,
        type: ActivityTypes.Message,
      });
    });
  }
}
