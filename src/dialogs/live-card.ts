import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isLiveStep, stepCardIntentSchema, type Closing, type StepCardIntent } from '../cards/desk-card-intent.js';
import type { Owner } from '../cards/submit-schema.js';
import type { CaseState } from '../troubleshooting/case-state.js';
import type { Position } from '../troubleshooting/engine.js';
import { DeskTurn } from './desk-turn.js';
import type { Replies, ReplyIntent } from './replies.js';

/** The conversation state property that holds the open case's live card. */
export const LIVE_CARD_PROPERTY = 'liveCard';

/**
 * The live card of the open case: the one card of it with buttons, as the intent it was sent
 * with, and the id Teams gave it once it was sent (see {@link recordLiveCardId}). Kept in the
 * conversation state, so it survives a restart of the bot.
 */
export const liveCardSchema = z.strictObject({ intent: stepCardIntentSchema, activityId: z.string().min(1).max(300).optional() });
export type LiveCard = z.infer<typeof liveCardSchema>;

/** How the live card is closed: the answer clicked on it, or another reason. */
export type CardClosing = { readonly answered: string } | { readonly closed: Closing };

export interface LiveCardsDeps {
  readonly replies: Replies;
  readonly liveCard: StatePropertyAccessor<LiveCard>;
}

/**
 * One live card per case (issue 15): whenever a case moves on, by whatever route (a click, a typed
 * command or answer, a new problem, expiry, its end), its live card is replaced by its closed form
 * ("✔ Gekozen: …", "↩ Teruggegaan", "■ Gestopt"), and the card of the step it moved to becomes the
 * live one. So only the newest card of a case has buttons.
 *
 * A reply's id is known only once it is sent, after the turn's state is saved; the turn pipeline
 * then writes it into the live card (a small follow-up write, see recordLiveCardId), so a later
 * turn (a typed "terug", also after a restart) can close the card by id. A click on the live card
 * brings its id with it (replyToId), so a click never depends on that write having happened.
 */
export class LiveCards {
  constructor(private readonly deps: LiveCardsDeps) {}

  /**
   * Sends the card of the step the case stands on as its live card (with where a deep entry
   * started, the search's list offer and the flow's change note when asked). An end step's card
   * is the case's last: no live card is kept, and when the summary follows (the case had answers)
   * the end card has no button of its own.
   */
  async show(context: TurnContext, state: CaseState, position: Position, options: { readonly offerList?: boolean; readonly flowChanged?: boolean } = {}): Promise<void> {
    const end = position.node.kind === 'end';
    const intent: StepCardIntent = {
      card: 'step',
      caseId: state.caseId,
      flowId: position.flow.id,
      nodeId: position.node.id,
      step: position.step,
      owner: ownerOf(context),
      closed: end && state.trail.length > 0 ? 'final' : undefined,
      entry: state.entry,
      offerList: options.offerList === true ? true : undefined,
      flowChanged: options.flowChanged === true ? true : undefined,
    };
    await context.sendActivity(this.deps.replies.desk(intent));
    if (end) await this.deps.liveCard.delete(context);
    else await this.deps.liveCard.set(context, { intent });
  }

  /**
   * The open case moved on: its live card gets its closed form, and so does the clicked card when
   * it is the same card (the click that moved the case came from it; its id may not be recorded
   * yet). `clicked` is the step the case stood on when the click was accepted, for a case whose
   * live card was never recorded (one opened before live cards were kept).
   */
  async close(context: TurnContext, how: CardClosing, clicked?: { readonly caseId: string; readonly position: Position }): Promise<void> {
    const live = await this.deps.liveCard.get(context);
    const intent = live?.intent ?? (clicked && { card: 'step' as const, caseId: clicked.caseId, flowId: clicked.position.flow.id, nodeId: clicked.position.node.id, step: clicked.position.step, owner: ownerOf(context) });
    if (!intent) return;
    const closed: StepCardIntent = { ...intent, ...('answered' in how ? { answered: how.answered } : { closed: how.closed }) };
    const ids = new Set<string>();
    if (live?.activityId) ids.add(live.activityId);
    const clickedId = this.clickedCardOf(context, intent, live);
    if (clickedId) ids.add(clickedId);
    // A card whose step is gone from its flow (the flow changed) cannot be drawn again: it stays as it is.
    const activity = this.deps.replies.deskOrNone(closed);
    if (activity) for (const id of ids) await context.updateActivity({ ...activity, id, type: ActivityTypes.Message });
    await this.deps.liveCard.delete(context);
  }

  /** The open case's live card, if one is kept. */
  current(context: TurnContext): Promise<LiveCard | undefined> {
    return this.deps.liveCard.get(context);
  }

  /** The live card's id, learnt from a refresh of it (the turn pipeline's follow-up write did not happen). */
  async learnId(context: TurnContext, live: LiveCard, activityId: string): Promise<void> {
    if (live.activityId === undefined) await this.deps.liveCard.set(context, { ...live, activityId });
  }

  /**
   * The id of the clicked card when it shows the live card's step of this case: the click came
   * from it (an answer or back names its step; restart and stop do not, so theirs counts only
   * while the live card's id is not known, or is this one).
   */
  private clickedCardOf(context: TurnContext, intent: StepCardIntent, live: LiveCard | undefined): string | undefined {
    const { input, place } = DeskTurn.of(context);
    const id = place.replyToId;
    if (input.kind !== 'submit' || id === undefined || !('caseId' in input.submit) || input.submit.caseId !== intent.caseId) return undefined;
    if ('step' in input.submit) return input.submit.step === intent.step ? id : undefined;
    return live?.activityId === undefined || live.activityId === id ? id : undefined;
  }
}

/**
 * The owner of the cases started this turn, in a group chat or channel (their cards name them and
 * are refreshed for them); in a personal chat nobody else can click, so the cards stay simple.
 */
export function ownerOf(context: TurnContext): Owner | undefined {
  const { place } = DeskTurn.of(context);
  return place.isGroup && place.staff.id !== '' ? { id: place.staff.id, name: place.staff.name } : undefined;
}

/**
 * The live card once Teams gave it `id` (it was just sent): the turn pipeline's follow-up write
 * after sending. Undefined (nothing to write) unless the state's live card is still exactly this
 * card without an id: a turn that moved the case on meanwhile has its own live card.
 */
export function recordLiveCardId(current: unknown, intent: ReplyIntent, id: string): LiveCard | undefined {
  if (intent.card !== 'step' || !isLiveStep(intent)) return undefined;
  const live = liveCardSchema.safeParse(current);
  if (!live.success || live.data.activityId !== undefined) return undefined;
  const kept = live.data.intent;
  return kept.caseId === intent.caseId && kept.nodeId === intent.nodeId && kept.step === intent.step ? { ...live.data, activityId: id } : undefined;
}

/** Whether a reply is a live card whose id should be kept once it is sent. */
export function isLiveCardIntent(intent: ReplyIntent): boolean {
  return intent.card === 'step' && isLiveStep(intent);
}
