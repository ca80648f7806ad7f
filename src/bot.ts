import { ActivityTypes, TeamsActivityHandler, TurnContext, type InvokeResponse } from 'botbuilder';
import type { Messages } from './cards/messages.js';
import type { CaseEffect } from './dialogs/case-effects.js';
import type { DeskConversation } from './dialogs/desk-conversation.js';
import { DeskTurn } from './dialogs/desk-turn.js';
import type { ReplyIntent } from './dialogs/replies.js';
import { clickIdentity, readCardAction, readTurnInput, type CommandWords, type TurnInput } from './dialogs/turn-input.js';
import type { SummaryService } from './summaries/summary-service.js';
import { placeOf } from './teams/channel-data.js';
import { isCardAction } from './turn/invoke-answer.js';
import type { TurnPipeline } from './turn/turn-pipeline.js';

export interface BotDeps {
  readonly pipeline: TurnPipeline<CaseEffect, ReplyIntent>;
  readonly desk: DeskConversation;
  readonly summaries: SummaryService;
  readonly messages: Messages;
  readonly commands: CommandWords;
}

/**
 * The Teams activity handler: reads each activity once (its input, and where it happens), runs
 * the turn under the turn pipeline, routes messages to the desk conversation, and keeps the team
 * registry in step with installs. No troubleshooting logic lives here.
 */
export class BaliewijzerBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();

    this.onMessage(async (context, next) => {
      const { input, place } = DeskTurn.of(context);
      // In channels and group chats the bot answers only when @mentioned (card clicks carry no mention).
      if (input.kind !== 'submit' && input.kind !== 'invalid-submit' && place.isGroup && !isBotMentioned(context)) return next();
      await this.deps.desk.onMessage(context);
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
      if ((context.activity.membersRemoved ?? []).some((m) => m.id === botId)) await this.teamRemoved(context);
      await next();
    });

    this.onTeamsTeamDeletedEvent(async (_teamInfo, context, next) => {
      await this.teamRemoved(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.deps.summaries.teamInstalled(DeskTurn.of(context).place);
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await this.teamRemoved(context);
      await next();
    });
  }

  /**
   * Card clicks (adaptiveCard/action) never get here: run() gives them to the desk conversation.
   * The SDK answers other invokes with 501; we answer 400 instead: the request is what is
   * unsupported, not the server.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    return response.status === 501 ? { status: 400, body: { error: 'Unsupported invoke' } } : response;
  }

  /**
   * A proactive turn in a staff member's own chat (opened by the Teams edge): the handed-over case
   * they claimed goes on there, under the turn pipeline like any turn.
   */
  async continueHandedOver(context: TurnContext, team: string, caseId: string): Promise<void> {
    const place = placeOf(context);
    await this.deps.pipeline.run(context, undefined, async ({ idleMs }) => {
      DeskTurn.begin(context, { input: { kind: 'empty' }, place, idleMs });
      await this.deps.desk.continueHandedOver(context, team, caseId);
    });
  }

  /**
   * One turn: the activity read once, then run under the turn pipeline (state saved with its
   * eTag, replies sent after). A click is the same turn whether it came as an Action.Execute
   * invoke or as a message from its Action.Submit fallback: both go to the desk conversation with
   * the same input, and the pipeline answers the invoke from what the turn decided.
   */
  override async run(context: TurnContext): Promise<void> {
    const input = this.readInput(context);
    const click = clickIdentity(input, context.activity.replyToId);
    const place = placeOf(context);
    await this.deps.pipeline.run(context, click, async ({ idleMs, forgetClick }) => {
      const turn = DeskTurn.begin(context, { input, place, idleMs });
      if (isCardAction(context.activity)) await this.deps.desk.onMessage(context);
      else await super.run(context);
      if (!turn.clickCounts) forgetClick();
    });
  }

  private readInput(context: TurnContext): TurnInput {
    if (isCardAction(context.activity)) return readCardAction(context.activity.value);
    if (context.activity.type !== ActivityTypes.Message) return { kind: 'empty' };
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text;
    return readTurnInput(text, context.activity.value, this.deps.commands);
  }

  private async teamRemoved(context: TurnContext): Promise<void> {
    const team = DeskTurn.of(context).place.team;
    if (team) await this.deps.summaries.teamRemoved(team.id);
  }

  private async greet(context: TurnContext): Promise<void> {
    const type = context.activity.conversation?.conversationType;
    if (type === 'channel') {
      await this.deps.summaries.teamInstalled(DeskTurn.of(context).place);
      await context.sendActivity(this.deps.messages.teamWelcome);
    } else if (type === 'groupChat') {
      await context.sendActivity(this.deps.messages.groupWelcome);
    } else {
      await this.deps.desk.welcome(context);
    }
  }
}

function isBotMentioned(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return TurnContext.getMentions(context.activity).some((m) => m.mentioned?.id === botId);
}
