import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { cardActivity } from '../cards/card-activity.js';
import { deskCardIntentSchema, type DeskCardIntent } from '../cards/desk-card-intent.js';
import type { DeskCards } from '../cards/desk-cards.js';
import type { CaseRecords } from '../summaries/case-records.js';
import type { CaseSummary } from '../summaries/case-summary.js';
import type { HandoverBoard } from '../summaries/handover-board.js';
import type { CaseState } from '../troubleshooting/case-state.js';
import type { Position } from '../troubleshooting/engine.js';
import { openCasesIntentSchema, summaryCardIntentSchema, type OpenCasesIntent, type SummaryCardIntent, type SummaryCards } from '../summaries/summary-cards.js';

/** Every card of the conversation at the desk, named by what it shows (see desk-card-intent.ts). */
export const replyIntentSchema = z.union([deskCardIntentSchema, summaryCardIntentSchema, openCasesIntentSchema]);
export type ReplyIntent = DeskCardIntent | SummaryCardIntent | OpenCasesIntent;

/** Where a card's intent travels with its activity; a symbol, so it is never sent to Teams. */
const INTENT = Symbol('baliewijzer.replyIntent');

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
    const card = this.deskCards.render(intent);
    if (!card) throw new Error(`no card for ${intent.card}: its flow or step does not exist`);
    return withIntent(cardActivity(card), intent);
  }

  /**
   * The card of the step a case stands on; with `answered`, the same card after its click. A case
   * that started at a later step says so; `offerList` is for the first card of a case the search
   * started ("Niet wat je zocht?"); `flowChanged` shows the flow's change note (the staff member's
   * first case since it changed).
   */
  step(state: Pick<CaseState, 'caseId' | 'entry'>, position: Position, answered?: string, options: { readonly offerList?: boolean; readonly flowChanged?: boolean } = {}): Partial<Activity> {
    return this.desk({
      card: 'step',
      caseId: state.caseId,
      flowId: position.flow.id,
      nodeId: position.node.id,
      step: position.step,
      answered,
      entry: state.entry,
      offerList: options.offerList === true ? true : undefined,
      flowChanged: options.flowChanged === true ? true : undefined,
    });
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
    const parsed = replyIntentSchema.safeParse(Reflect.get(activity, INTENT));
    return parsed.success ? parsed.data : undefined;
  }

  /** The message an intent names again; undefined when what it showed is gone (a flow changed, a record swept). */
  async render(intent: ReplyIntent): Promise<Partial<Activity> | undefined> {
    if (intent.card === 'summary') {
      const card = await this.summaryCards.render(intent, this.records);
      return card && cardActivity(card);
    }
    if (intent.card === 'open-cases') return cardActivity(await this.summaryCards.renderOpenCases(intent, this.board));
    const card = this.deskCards.render(intent);
    return card && cardActivity(card);
  }
}

function withIntent(activity: Partial<Activity>, intent: ReplyIntent): Partial<Activity> {
  Object.defineProperty(activity, INTENT, { value: intent, enumerable: true });
  return activity;
}
