import { TeamsActivityHandler, TurnContext, type InvokeResponse } from 'botbuilder';
import type { Messages } from './cards/messages.js';
import type { DeskConversation } from './dialogs/desk-conversation.js';
import { isGroupConversation } from './dialogs/flow-dialog.js';
import { readTurnInput } from './dialogs/turn-input.js';
import type { TurnRunner } from './storage/turn-guard.js';
import type { SummaryService } from './summaries/summary-service.js';

/**
 * The Teams activity handler: routes turns to the desk conversation, keeps the team registry in
 * step with installs, and saves state once per turn. No troubleshooting logic lives here.
 */
export class BaliewijzerBot extends TeamsActivityHandler {
  constructor(
    private readonly turns: TurnRunner,
    private readonly desk: DeskConversation,
    private readonly summaries: SummaryService,
    private readonly messages: Messages,
  ) {
    super();

    this.onMessage(async (context, next) => {
      const value: unknown = context.activity.value;
      const isClick = value !== undefined && value !== null;
      // In channels and group chats the bot answers only when @mentioned (card clicks carry no mention).
      if (!isClick && isGroupConversation(context) && !isBotMentioned(context)) return next();
      const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text;
      await this.desk.onMessage(context, readTurnInput(text, value));
      await next();
    });

    // Personal chat, group chat and team: greet once when the bot itself is added.
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await this.greet(context);
      await next();
    });

    this.onMembersRemoved(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersRemoved ?? []).some((m) => m.id === botId)) await this.summaries.teamRemoved(context);
      await next();
    });

    this.onTeamsTeamDeletedEvent(async (_teamInfo, context, next) => {
      await this.summaries.teamRemoved(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.summaries.teamInstalled(context);
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await this.summaries.teamRemoved(context);
      await next();
    });
  }

  /**
   * Baliewijzer's cards use Action.Submit, so no invoke is expected. The SDK answers unknown
   * invokes with 501; we answer 400 instead: the request is what is unsupported, not the server.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    return response.status === 501 ? { status: 400, body: { error: 'Unsupported invoke' } } : response;
  }

  /** One turn under the turn guard: state saved with its eTag, replies sent after (see storage/turn-guard.ts). */
  override async run(context: TurnContext): Promise<void> {
    await this.turns.run(context, () => super.run(context));
  }

  private async greet(context: TurnContext): Promise<void> {
    const type = context.activity.conversation?.conversationType;
    if (type === 'channel') {
      await this.summaries.teamInstalled(context);
      await context.sendActivity(this.messages.teamWelcome);
    } else if (type === 'groupChat') {
      await context.sendActivity(this.messages.groupWelcome);
    } else {
      await this.desk.welcome(context);
    }
  }
}

function isBotMentioned(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return TurnContext.getMentions(context.activity).some((m) => m.mentioned?.id === botId);
}
