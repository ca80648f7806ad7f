import { Channels, type BotAdapter, type ConversationParameters, type ConversationReference, type TurnContext } from 'botbuilder';
import type { PersonalChat } from '../dialogs/case-effects.js';

/**
 * A staff member's own (1:1) chat with the bot, reached from a team channel: the conversation is
 * created with the Bot Connector (Teams returns the existing personal chat when there is one; the
 * bot may start it because it is installed in a team the staff member is in), then a proactive
 * turn runs in it.
 */
export class PersonalChats {
  constructor(
    private readonly adapter: BotAdapter,
    private readonly appId: string,
  ) {}

  /** Runs `logic` in `to`'s own chat with the bot. */
  async run(to: PersonalChat, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, await this.open(to), logic);
  }

  /** Sends one sentence to `to` only. */
  async tell(to: PersonalChat, text: string): Promise<void> {
    await this.run(to, async (context) => {
      await context.sendActivity(text);
    });
  }

  private async open(to: PersonalChat): Promise<Partial<ConversationReference>> {
    // The SDK's type asks for a first activity; Teams creates a personal chat without one.
    const parameters = {
      isGroup: false,
      bot: { id: to.bot.id, name: to.bot.name ?? '' },
      members: [{ id: to.userId, name: '' }],
      tenantId: to.tenantId,
      channelData: to.tenantId ? { tenant: { id: to.tenantId } } : {},
    } as ConversationParameters;
    let conversationId: string | undefined;
    await this.adapter.createConversationAsync(this.appId, Channels.Msteams, to.serviceUrl, '', parameters, async (context) => {
      conversationId = context.activity.conversation?.id;
    });
    if (!conversationId) throw new Error('the connector created no personal chat');
    return {
      channelId: Channels.Msteams,
      serviceUrl: to.serviceUrl,
      conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId: to.tenantId, name: '' },
      bot: { id: to.bot.id, name: to.bot.name ?? '' },
      user: { id: to.userId, name: '' },
    };
  }
}
