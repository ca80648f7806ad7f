import { setTimeout as sleep } from 'node:timers/promises';
/**
 * Teams' limits on what a bot may send into one conversation (Microsoft's "Rate limiting for bots"
 * page): 7 messages per second, 8 per 2 seconds, 60 per 30 seconds. Over them Teams answers 429.
 */
export interface PaceWindow {
  readonly limit: number;
  readonly ms: number;
}

export const TEAMS_CONVERSATION_LIMITS: readonly PaceWindow[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
];

export interface PacerOptions {
  readonly windows?: readonly PaceWindow[];
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Conversations remembered at most; the least recently used are forgotten first. */
  readonly maxConversations?: number;
}


/**
 * Paces the bot's own messages per conversation so they stay within Teams' limits, instead of
 * sending and being told 429. The incoming rate limit (RateLimiter) bounds the turns; a turn sends
 * one to three messages (replies and the update of the clicked card), so a fast burst of clicks
 * could still pass 7 per second on the way out. Per process: with several instances each paces
 * its own sends, and the connector client's 429 retry covers the rest.
 */
export class ConversationPacer {
  private readonly sent = new Map<string, number[]>();
  private readonly windows: readonly PaceWindow[];
  private readonly longestMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxConversations: number;

  constructor(options: PacerOptions = {}) {
    this.windows = options.windows ?? TEAMS_CONVERSATION_LIMITS;
    this.longestMs = Math.max(...this.windows.map((w) => w.ms));
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => sleep(ms));
    this.maxConversations = options.maxConversations ?? 10_000;
  }

  /** Waits until one more message to this conversation stays within every window, then counts it. */
  async acquire(conversationId: string): Promise<void> {
    for (;;) {
      const now = this.now();
      const times = (this.sent.get(conversationId) ?? []).filter((t) => now - t < this.longestMs);
      const waitMs = this.waitFor(times, now);
      if (waitMs <= 0) {
        times.push(now);
        // Re-insert so Map order is least-recently-used first.
        this.sent.delete(conversationId);
        this.sent.set(conversationId, times);
        this.evict();
        return;
      }
      this.sent.set(conversationId, times);
      await this.sleep(waitMs);
    }
  }

  /** Conversations currently remembered (for tests and bounds). */
  get size(): number {
    return this.sent.size;
  }

  /** 0 when a message may go now; else how long until the fullest window lets one more through. */
  private waitFor(times: readonly number[], now: number): number {
    let waitMs = 0;
    for (const { limit, ms } of this.windows) {
      const inWindow = times.filter((t) => now - t < ms);
      if (inWindow.length < limit) continue;
      // The oldest message that must leave the window before one more fits.
      const blocking = inWindow[inWindow.length - limit] ?? now;
      waitMs = Math.max(waitMs, blocking + ms - now);
    }
    return waitMs;
  }

  private evict(): void {
    while (this.sent.size > this.maxConversations) {
      const oldest = this.sent.keys().next();
      if (oldest.done) return;
      this.sent.delete(oldest.value);
    }
  }
}
