import { setTimeout as sleep } from 'node:timers/promises';
import { ActivityTypes, type Activity, type ConversationReference, type ResourceResponse, type TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { decideRetry, describeFailure, type RetryOptions } from '../summaries/retry-policy.js';
import type { ConversationPacer } from './conversation-pacer.js';
import { invokeResponseActivity, isCardAction } from './invoke-answer.js';

/**
 * Replies in a turn: the connector client already retries 429 (after Retry-After) and 5xx by
 * itself, but not 412, which Teams answers while another write to the same conversation holds it.
 * Those are tried again here, briefly: the staff member is waiting for the answer.
 */
const REPLY_RETRY: RetryOptions = { baseDelayMs: 250, maxDelayMs: 2_000, maxAttempts: 4 };

/**
 * One thing a turn sends, updates or deletes in Teams, in the order it did. An `answer` is said to
 * the one who clicked: for an `Action.Execute` it is the invoke's answer (Teams shows it to them
 * alone), otherwise an ordinary message.
 */
export type HeldReply =
  | { readonly kind: 'send'; readonly activities: ReadonlyArray<Partial<Activity>> }
  | { readonly kind: 'update'; readonly activity: Partial<Activity> }
  | { readonly kind: 'delete'; readonly reference: Partial<ConversationReference> }
  | { readonly kind: 'answer'; readonly activity: Partial<Activity> };

/** A reply that went out, with the id Teams gave it. */
export interface SentReply {
  readonly activity: Partial<Activity>;
  readonly id: string;
}

const HELD = Symbol('baliewijzer.heldReplies');

/**
 * Holds everything a turn sends, updates or deletes in Teams until the turn's state is saved, so
 * a turn whose save loses an eTag race has said nothing and can run again (and so the turn
 * pipeline can keep them with the saved state). Held sends answer with an empty id: the ids of
 * what a turn sent are known once it is sent ({@link send} returns them).
 *
 * An `Action.Execute` click is answered in the HTTP response, from what the turn decided: its
 * `answer` if it gave one, else the clicked card as the turn updated it, else a short default
 * text (`answered`); every update, including that of the clicked card, also goes to Teams, so the
 * card changes for everyone in the chat and on the staff member's other devices.
 */
export class HeldReplies {
  private held: HeldReply[] = [];
  private holding = true;

  private constructor(
    private readonly context: TurnContext,
    private readonly log: Logger,
    private readonly pacer: ConversationPacer | undefined,
    private readonly answered: string,
  ) {}

  /**
   * Starts holding this turn's outgoing activities; with a pacer, sending keeps to Teams' message
   * limits. `answered` is what an Action.Execute click is told when the turn said nothing to it.
   */
  static attach(context: TurnContext, log: Logger, options: { readonly pacer?: ConversationPacer; readonly answered: string }): HeldReplies {
    const replies = new HeldReplies(context, log, options.pacer, options.answered);
    context.turnState.set(HELD, replies);
    context.onSendActivities(async (_context, activities, next): Promise<ResourceResponse[]> => {
      if (!replies.holding) return next();
      replies.held.push({ kind: 'send', activities });
      return activities.map(() => ({ id: '' }));
    });
    context.onUpdateActivity(async (_context, activity, next) => {
      if (!replies.holding) return next();
      replies.held.push({ kind: 'update', activity });
    });
    context.onDeleteActivity(async (_context, reference, next) => {
      if (!replies.holding) return next();
      replies.held.push({ kind: 'delete', reference });
    });
    return replies;
  }

  /** The turn's held replies; undefined outside a turn of the pipeline. */
  static of(context: TurnContext): HeldReplies | undefined {
    const replies: unknown = context.turnState.get(HELD);
    return replies instanceof HeldReplies ? replies : undefined;
  }

  /** What is held now, in order (to be saved with the state). */
  get replies(): readonly HeldReply[] {
    return this.held;
  }

  /** Says `activity` to the one who clicked (see {@link HeldReply}); held like everything else until the turn is saved. */
  async answer(activity: Partial<Activity>): Promise<void> {
    if (this.holding) this.held.push({ kind: 'answer', activity });
    else await this.send([{ kind: 'answer', activity }]);
  }

  /** Forgets what this attempt of the turn would have sent (it is about to run again). */
  discard(): void {
    this.held = [];
  }

  /** Forgets what is held and stops holding: what the turn sends from now on goes out at once. */
  release(): void {
    this.held = [];
    this.holding = false;
  }

  /**
   * Sends `replies` (by default what was held), in order, and stops holding; for an
   * Action.Execute the answer is made first (see the class). A failed send fails the turn (the
   * staff member gets the apology; typing anything shows the current card again). A failed update
   * of an earlier card is only logged: the case goes on when Teams refuses to edit an old card.
   * Both are tried again on 412 ({@link REPLY_RETRY}). Resolves with what was sent and its ids.
   */
  async send(replies: readonly HeldReply[] = this.held): Promise<SentReply[]> {
    this.release();
    const answer = await this.answerClick(replies);
    const sent: SentReply[] = [];
    for (const item of replies) {
      switch (item.kind) {
        case 'answer':
          if (item === answer) break;
          sent.push(...(await this.sendAll([item.activity])));
          break;
        case 'send':
          sent.push(...(await this.sendAll(item.activities)));
          break;
        case 'update':
          try {
            await this.pace();
            await this.retrying412(() => this.context.updateActivity(item.activity));
          } catch (error) {
            this.log.warn({ event: 'card.update-failed', err: error instanceof Error ? error.message : 'unknown' }, 'could not update a card');
          }
          break;
        case 'delete':
          await this.context.deleteActivity(item.reference);
          break;
      }
    }
    return sent;
  }

  /**
   * Only the answer to an Action.Execute click, made from `replies` as {@link send} would, and
   * nothing else sent: for a click Teams sent again after the turn's replies went out.
   */
  async answerOnly(replies: readonly HeldReply[]): Promise<void> {
    this.release();
    await this.answerClick(replies);
  }

  /** For an Action.Execute click: answers it from `replies` (see the class); returns the reply it used, if it was an `answer`. */
  private async answerClick(replies: readonly HeldReply[]): Promise<HeldReply | undefined> {
    if (!isCardAction(this.context.activity)) return undefined;
    const clicked = this.context.activity.replyToId;
    const answer = replies.find((r) => r.kind === 'answer');
    const update = [...replies].reverse().find((r): r is Extract<HeldReply, { kind: 'update' }> => r.kind === 'update' && clicked !== undefined && r.activity.id === clicked);
    const reply = answer?.kind === 'answer' ? answer.activity : (update?.activity ?? { type: ActivityTypes.Message, text: this.answered });
    await this.context.sendActivity(invokeResponseActivity(reply));
    return answer;
  }

  private async sendAll(activities: ReadonlyArray<Partial<Activity>>): Promise<SentReply[]> {
    for (const _ of activities) await this.pace();
    const responses = await this.retrying412(() => this.context.sendActivities([...activities]));
    return activities.map((activity, i) => ({ activity, id: responses[i]?.id ?? '' }));
  }

  /** Waits, if need be, until one more message to this conversation keeps within Teams' limits. */
  private async pace(): Promise<void> {
    const conversationId = this.context.activity.conversation?.id;
    if (this.pacer && conversationId) await this.pacer.acquire(conversationId);
  }

  private async retrying412<T>(send: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        const failure = describeFailure(error);
        const decision = failure.status === 412 ? decideRetry(failure, attempt, new Date(), REPLY_RETRY) : undefined;
        if (!decision?.retry) throw error;
        this.log.info({ event: 'reply.retry', status: failure.status, attempt, delayMs: decision.delayMs }, 'Teams refused a reply for now; trying again');
        await sleep(decision.delayMs);
      }
    }
  }
}
