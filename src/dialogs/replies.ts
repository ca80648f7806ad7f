import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { cardActivity } from '../cards/card-activity.js';
import { deskCardIntentSchema, type DeskCardIntent } from '../cards/desk-card-intent.js';
import type { DeskCards } from '../cards/desk-cards.js';
import type { CaseRecords } from '../summaries/case-records.js';
import type { CaseSummary } from '../summaries/case-summary.js';
import type { HandoverBoard } from '../summaries/handover-board.js';
import { openCasesIntentSchema, summaryCardIntentSchema, type OpenCasesIntent, type SummaryCardIntent, type SummaryCards } from '../summaries/summary-cards.js';

/** Every card of the conversation at the desk, named by what it shows (see desk-card-intent.ts). */
export const replyIntentSchema = z.union([deskCardIntentSchema, summaryCardIntentSchema, openCasesIntentSchema]);
export type ReplyIntent = DeskCardIntent | SummaryCardIntent | OpenCasesIntent;

/**
 * Says a text or a card to the one who clicked, once the turn is saved (the turn pipeline does
 * this): for an Action.Execute it is the answer Teams shows to them alone, on a client without
 * Universal Actions an ordinary message.
 */
export type AnswerClick = (context: TurnContext, reply: Partial<Activity> | string) => Promise<void>;

/** Where a card's intent travels with its activity; a symbol, so it is never sent to Teams. */
const INTENT = Symbol('baliewijzer.replyIntent');

/**
 * An intent as {@link withIntent} attached it. Only this module makes these, so an intent found on
 * an activity needs no check of its shape (a zod parse of every sent card's intent, twice a turn,
 * was a sixth of the bot's zod time in the bench profile).
 */
class AttachedIntent {
  constructor(readonly intent: ReplyIntent) {}
}

/**
 * The cards the desk conversation sends, as activities that also carry their intent: the turn
 * pipeline keeps the intents of a saved turn (a few ids each) instead of the card JSON (kilobytes),
 * and renders them again here if Teams re-sends the turn after a crash.
 */
export class Replies {
  constructor(
    private readonly deskCards: DeskCards,
    private readonly summaryCards: SummaryCards,
    private readonly records: CaseRecords,
    private readonly board: HandoverBoard,
  ) {}

  /** A message with the desk card `intent` names. */
  desk(intent: DeskCardIntent): Partial<Activity> {
    const activity = this.deskOrNone(intent);
    if (!activity) throw new Error(`no card for ${intent.card}: its flow or step does not exist`);
    return activity;
  }

  /** A message with the desk card `intent` names; undefined when its flow or step does not exist (an intent read from outside). */
  deskOrNone(intent: DeskCardIntent): Partial<Activity> | undefined {
    const card = this.deskCards.render(intent);
    return card && withIntent(cardActivity(card), intent);
  }

  /** The open cases of a team (its id, and the channel's when that is another), as the board has them now. */
  async openCases(teams: OpenCasesIntent['teams']): Promise<Partial<Activity>> {
    const intent: OpenCasesIntent = { card: 'open-cases', teams };
    return withIntent(cardActivity(await this.summaryCards.renderOpenCases(intent, this.board)), intent);
  }

  /** The problem menu; `intro` replaces its usual first line. */
  menu(intro?: string): Partial<Activity> {
    return this.desk({ card: 'menu', intro });
  }

  /** A message with the staff member's summary card. */
  summary(summary: CaseSummary, options: Parameters<SummaryCards['summary']>[1]): Partial<Activity> {
    return withIntent(cardActivity(this.summaryCards.summary(summary, options)), this.summaryCards.intent(summary, options));
  }

  /** The intent an activity carries, if it was made here. */
  static intentOf(activity: Partial<Activity>): ReplyIntent | undefined {
    const attached: unknown = Reflect.get(activity, INTENT);
    return attached instanceof AttachedIntent ? attached.intent : undefined;
  }

  /** The message an intent names again; undefined when what it showed is gone (a flow changed, a record swept). */
  async render(intent: ReplyIntent): Promise<Partial<Activity> | undefined> {
    if (intent.card === 'summary') {
      const card = await this.summaryCards.render(intent, this.records);
      return card && withIntent(cardActivity(card), intent);
    }
    if (intent.card === 'open-cases') return cardActivity(await this.summaryCards.renderOpenCases(intent, this.board));
    return this.deskOrNone(intent);
  }
}

function withIntent(activity: Partial<Activity>, intent: ReplyIntent): Partial<Activity> {
  Object.defineProperty(activity, INTENT, { value: new AttachedIntent(intent), enumerable: true });
  return activity;
}
