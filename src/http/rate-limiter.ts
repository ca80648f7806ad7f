/**
 * Per-conversation token bucket for incoming turns, so a stuck client or a script cannot flood
 * the bot (and through it the Bot Connector, which allows Teams about 7 messages/s per
 * conversation). Memory stays bounded: idle buckets are dropped, and at most `maxKeys` are kept.
 */
export interface RateLimitOptions {
  /** Turns a conversation may send in a burst. */
  readonly burst: number;
  /** Turns per second it earns back. */
  readonly perSecond: number;
  readonly maxKeys?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one turn from the key's bucket; returns 0 when allowed, else the ms to wait. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, updatedAt: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.options.perSecond);
    bucket.updatedAt = now;
    // Re-insert so Map order is least-recently-used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.evict();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.options.perSecond) * 1000);
  }

  get size(): number {
    return this.buckets.size;
  }

  private evict(): void {
    const max = this.options.maxKeys ?? 10_000;
    while (this.buckets.size > max) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) return;
      this.buckets.delete(oldest);
    }
  }
}
