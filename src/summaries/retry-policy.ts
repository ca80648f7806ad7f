/**
 * When to try a channel post again. Pure: it takes what the send failed with and the attempt
 * number, and says "retry after N ms" or "give up, because …".
 */
export type RetryDecision = { readonly retry: true; readonly delayMs: number } | { readonly retry: false; readonly reason: string };

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
  const transient = failure.status === undefined || RETRYABLE_STATUS.has(failure.status);
  if (!transient) return { retry: false, reason: failure.status === 403 ? 'de bot heeft geen toegang tot dit team (verwijderd?)' : `Teams antwoordde ${failure.status}` };
  if (attempt >= options.maxAttempts) return { retry: false, reason: `na ${attempt} pogingen nog niet gelukt (${failure.status ?? 'geen verbinding'})` };
  const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const asked = retryAfterMs(failure.retryAfter, now);
  return { retry: true, delayMs: asked === undefined ? backoff : Math.min(options.maxDelayMs, asked) };
}
