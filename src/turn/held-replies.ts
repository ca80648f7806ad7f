import { setTimeout as sleep } from 'node:timers/promises';
import type { Activity, ConversationReference, ResourceResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { decideRetry, describeFailure, type RetryOptions } from '../summaries/retry-policy.js';
import type { ConversationPacer } from './conversation-pacer.js';

/**
 * Replies in a turn: the connector client already retries 429 (after Retry-After) and 5xx by
 * itself, but not 412, which Teams answers while another write to the same conversation holds it.
 * Those are tried again here, briefly: the staff member is waiting for the answer.
 */
const REPLY_RETRY: RetryOptions = { baseDelayMs: 250, maxDelayMs: 2_000, maxAttempts: 4 };

/** One thing a turn sends, updates or deletes in Teams, in the order it did. */
export type HeldReply =
  | { readonly kind: 'send'; readonly activities: ReadonlyArray<Partial<Activity>> }
  | { readonly kind: 'update'; readonly activity: Partial<Activity> }
  | { readonly kind: 'delete'; readonly reference: Partial<ConversationReference> };

/**
 * Holds everything a turn sends, updates or deletes in Teams until the turn's state is saved, so
 * a turn whose save loses an eTag race has said nothing and can run again (and so the turn
 * pipeline can keep them with the saved state). Held sends answer with an empty id: nothing in
 * this bot reads the id of a reply during its turn.
 */
export class HeldReplies {
  private held: HeldReply[] = [];
  private holding = true;

  private constructor(
    private readonly context: TurnContext,
    private readonly log: Logger,
    private readonly pacer: ConversationPacer | undefined,
  ) {}

  /** Starts holding this turn's outgoing activities; with a pacer, sending keeps to Teams' message limits. */
  static attach(context: TurnContext, log: Logger, pacer?: ConversationPacer): HeldReplies {
    const replies = new HeldReplies(context, log, pacer);
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

  /** What is held now, in order (to be saved with the state). */
  get replies(): readonly HeldReply[] {
    return this.held;
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
   * Sends `replies` (by default what was held), in order, and stops holding. A failed send fails
   * the turn (the staff member gets the apology; typing anything shows the current card again).
   * A failed update of an earlier card is only logged: the case goes on when Teams refuses to edit
   * an old card. Both are tried again on 412 ({@link REPLY_RETRY}).
   */
  async send(replies: readonly HeldReply[] = this.held): Promise<void> {
    this.release();
    for (const item of replies) {
      switch (item.kind) {
        case 'send':
          for (const _ of item.activities) await this.pace();
          await this.retrying412(() => this.context.sendActivities([...item.activities]));
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
