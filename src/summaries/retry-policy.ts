import { z } from 'zod';

/**
 * Why a channel post did not go out (yet), as the outbox keeps it; the staff member's card says it
 * in words from messages.json (summary-view.ts).
 */
export const postFailureSchema = z.discriminatedUnion('code', [
  /** 403: the bot was removed from the team. */
  z.strictObject({ code: z.literal('no-access') }),
  /** Another final status (404: the channel is gone, …), or a transient one while it is retried. */
  z.strictObject({ code: z.literal('status'), status: z.number().int() }),
  /** No answer at all: network error or time-out. */
  z.strictObject({ code: z.literal('no-connection') }),
  /** Still failing after the last attempt. */
  z.strictObject({ code: z.literal('gave-up'), attempts: z.number().int(), status: z.number().int().optional() }),
  /** The outbox item itself could not be read back. */
  z.strictObject({ code: z.literal('unreadable') }),
]);
export type PostFailure = z.infer<typeof postFailureSchema>;

/**
 * When to try a channel post again. Pure: it takes what the send failed with and the attempt
 * number, and says "retry after N ms" or "give up, because …".
 */
export type RetryDecision = { readonly retry: true; readonly delayMs: number } | { readonly retry: false; readonly failure: PostFailure };

export interface RetryOptions {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
}

export const DEFAULT_RETRY: RetryOptions = { baseDelayMs: 2_000, maxDelayMs: 5 * 60_000, maxAttempts: 10 };

/** What we know of a failed send. */
export interface SendFailure {
  /** HTTP status, when the connector answered. */
  readonly status?: number;
  /** The Retry-After header as sent (seconds or an HTTP date). */
  readonly retryAfter?: string;
  readonly message: string;
}

const RETRYABLE_STATUS = new Set([408, 412, 429, 500, 502, 503, 504]);

/** What a failed attempt is shown as while it is retried. */
export function transientFailure(failure: SendFailure): PostFailure {
  return failure.status === undefined ? { code: 'no-connection' } : { code: 'status', status: failure.status };
}

/** Reads status and Retry-After from whatever the connector client threw. */
export function describeFailure(error: unknown): SendFailure {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const status = typeof record.statusCode === 'number' ? record.statusCode : undefined;
  const response = typeof record.response === 'object' && record.response !== null ? (record.response as Record<string, unknown>) : {};
  const headers = response.headers;
  let retryAfter: string | undefined;
  if (typeof headers === 'object' && headers !== null && 'get' in headers && typeof headers.get === 'function') {
    const value: unknown = headers.get.call(headers, 'retry-after');
    retryAfter = typeof value === 'string' ? value : undefined;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status, retryAfter, message };
}

/** Milliseconds from a Retry-After value, or undefined when it says nothing usable. */
export function retryAfterMs(value: string | undefined, now: Date): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

/**
 * 429, 5xx, timeouts and network errors (no status) are retried with exponential backoff, or
 * after Retry-After when the connector sends one; other statuses (403: bot removed from the team,
 * 404: channel gone) are final.
 */
export function decideRetry(failure: SendFailure, attempt: number, now: Date, options: RetryOptions = DEFAULT_RETRY): RetryDecision {
  if (failure.status !== undefined && !RETRYABLE_STATUS.has(failure.status)) {
    return { retry: false, failure: failure.status === 403 ? { code: 'no-access' } : { code: 'status', status: failure.status } };
  }
  if (attempt >= options.maxAttempts) return { retry: false, failure: { code: 'gave-up', attempts: attempt, status: failure.status } };
  const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const asked = retryAfterMs(failure.retryAfter, now);
  return { retry: true, delayMs: asked === undefined ? backoff : Math.min(options.maxDelayMs, asked) };
}
