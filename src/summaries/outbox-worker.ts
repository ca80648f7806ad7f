import type { Logger } from '../logging/logger.js';
import { decideRetry, describeFailure, DEFAULT_RETRY, transientFailure, type RetryOptions } from './retry-policy.js';
import type { OutboxItem, SummaryOrigin, SummaryOutbox } from './summary-outbox.js';

/** Posts a summary to its team channel; throws what the connector threw. */
export interface ChannelPoster {
  post(item: OutboxItem): Promise<{ conversationId: string; activityId?: string }>;
}

/** Tells the staff member how their summary is doing (updates their summary card). */
export interface ShareStatusNotifier {
  notify(item: OutboxItem): Promise<void>;
  /** The summary of case `caseId` cannot be shared: its outbox item could not be read back. */
  notifyUnreadable(caseId: string, origin: SummaryOrigin): Promise<void>;
}

export interface OutboxWorkerOptions {
  readonly outbox: SummaryOutbox;
  readonly poster: ChannelPoster;
  readonly notifier: ShareStatusNotifier;
  readonly log: Logger;
  readonly now?: () => Date;
  readonly retry?: RetryOptions;
  /** How often to look for due items (also after a restart). */
  readonly pollMs?: number;
  /** How long a claim holds before another instance may take the item over. */
  readonly leaseMs?: number;
  /** Told of every summary once it is posted (an unresolved one becomes a case to hand over). */
  readonly onSent?: (item: OutboxItem) => Promise<void>;
}

/**
 * Sends what the outbox holds: claims each due item, posts it, and marks it sent, retried
 * (backoff, Retry-After) or failed. Runs on a timer, and at once when a summary is queued. Items
 * are sent side by side and independently: a post that hangs (until the connector client's
 * timeout) holds only its own item, while later items are listed and sent meanwhile.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private listing: Promise<unknown> | undefined;
  private again = false;
  private stopped = false;
  /** Items being sent (or set aside) by this process, by id: a new listing does not start them twice. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly now: () => Date;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    this.stopped = false;
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.kick();
  }

  /** Looks for due items now and starts sending them (coalesces with a listing in progress, not with sends in progress). */
  kick(): void {
    if (this.stopped) return;
    if (this.listing) {
      this.again = true;
      return;
    }
    this.listing = this.startDue().finally(() => {
      this.listing = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Stops the timer and waits for the items being sent, so a shutdown loses nothing. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.listing;
    await Promise.all(this.inFlight.values());
  }

  /** Sends every due item once, side by side; resolves when the sends it started are done (tests call this directly). */
  async drain(): Promise<void> {
    await Promise.all(await this.startDue());
  }

  /** Lists the due items and starts each one not already in flight here; returns the sends it started. */
  private async startDue(): Promise<Array<Promise<void>>> {
    try {
      const { due, unreadable } = await this.options.outbox.due(this.now());
      return [
        ...due.filter((item) => !this.inFlight.has(item.id)).map((item) => this.track(item.id, () => this.send(item.id))),
        ...unreadable.filter((id) => !this.inFlight.has(id)).map((id) => this.track(id, () => this.setAside(id))),
      ];
    } catch (error) {
      this.options.log.error({ event: 'outbox.drain-failed', err: error instanceof Error ? error.message : 'unknown' }, 'outbox drain failed');
      return [];
    }
  }

  private track(id: string, work: () => Promise<void>): Promise<void> {
    const running = work()
      .catch((error: unknown) => {
        this.options.log.error({ event: 'outbox.send-failed', err: error instanceof Error ? error.message : 'unknown' }, 'outbox item could not be handled');
      })
      .finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, running);
    return running;
  }

  private async send(id: string): Promise<void> {
    const { outbox, poster, log } = this.options;
    const claimed = await outbox.claim(id, this.now(), this.options.leaseMs ?? 60_000);
    if (!claimed) return;
    const { item } = claimed;
    let result: OutboxItem | undefined;
    try {
      const post = await poster.post(item);
      result = await outbox.markSent(claimed, this.now(), post);
      log.info({ event: 'summary.sent', attempts: item.attempts, outcome: item.summary.outcome }, 'summary posted to channel');
      await this.afterSent(result);
    } catch (error) {
      const failure = describeFailure(error);
      const decision = decideRetry(failure, item.attempts, this.now(), this.options.retry ?? DEFAULT_RETRY);
      if (decision.retry) {
        result = await outbox.reschedule(claimed, new Date(this.now().getTime() + decision.delayMs), transientFailure(failure));
        log.warn({ event: 'summary.retry', attempts: item.attempts, status: failure.status, delayMs: decision.delayMs }, 'summary post failed; will retry');
        this.wakeAfter(decision.delayMs);
      } else {
        result = await outbox.markFailed(claimed, decision.failure);
        log.error({ event: 'summary.failed', attempts: item.attempts, status: failure.status }, 'summary post failed for good');
      }
    }
    // Undefined: another instance took the item over meanwhile, and tells the staff member itself.
    if (result) await this.tell(() => this.options.notifier.notify(result));
  }

  /** What follows a post (the handover board) must not make a sent summary look failed: it is only logged. */
  private async afterSent(item: OutboxItem): Promise<void> {
    try {
      await this.options.onSent?.(item);
    } catch (error) {
      this.options.log.error({ event: 'summary.after-sent-failed', err: error instanceof Error ? error.message : 'unknown' }, 'a posted summary could not be recorded for handover');
    }
  }

  /** An outbox item that no longer parses: set aside as failed, and the staff member told when their card can be found. */
  private async setAside(id: string): Promise<void> {
    this.options.log.error({ event: 'summary.unreadable' }, 'an outbox item could not be read; marked failed');
    const origin = await this.options.outbox.setAsideUnreadable(id);
    if (origin) await this.tell(() => this.options.notifier.notifyUnreadable(id, origin));
  }

  /** Updating the staff member's card is a courtesy: when it fails, the summary itself is fine, so it is only logged. */
  private async tell(update: () => Promise<void>): Promise<void> {
    try {
      await update();
    } catch (error) {
      this.options.log.warn({ event: 'summary.notify-failed', err: error instanceof Error ? error.message : 'unknown' }, 'could not update the staff member');
    }
  }

  private wakeAfter(delayMs: number): void {
    const timer = setTimeout(() => this.kick(), delayMs + 5);
    timer.unref();
  }
}
