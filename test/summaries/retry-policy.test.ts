import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../src/cards/messages.js';
import { decideRetry, retryAfterMs, type RetryDecision } from '../../src/summaries/retry-policy.js';
import { failureText } from '../../src/summaries/summary-view.js';

/** Why a post is given up, in the words the staff member's card shows. */
const reason = (decision: RetryDecision): string | undefined => (decision.retry ? undefined : failureText(loadMessages('cards'), decision.failure));

const now = new Date('2026-03-01T09:00:00Z');
const options = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 5 };

describe('when a channel post is tried again', () => {
  it('follows Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Sun, 01 Mar 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(decideRetry({ status: 429, retryAfter: '7', message: '' }, 1, now, options)).toEqual({ retry: true, delayMs: 7000 });
  });

  it('backs off exponentially on 5xx and network errors', () => {
    expect(decideRetry({ status: 500, message: '' }, 1, now, options)).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry({ status: 502, message: '' }, 3, now, options)).toEqual({ retry: true, delayMs: 4000 });
    expect(decideRetry({ message: 'ECONNREFUSED' }, 2, now, options)).toEqual({ retry: true, delayMs: 2000 });
  });

  it('gives up on a final status with a reason a person understands', () => {
    expect(reason(decideRetry({ status: 403, message: '' }, 1, now, options))).toBe('de bot heeft geen toegang tot dit team (verwijderd?)');
    expect(reason(decideRetry({ status: 404, message: '' }, 1, now, options))).toBe('Teams antwoordde 404');
  });

  it('gives up after the last attempt', () => {
    expect(reason(decideRetry({ status: 503, message: '' }, 5, now, options))).toBe('na 5 pogingen nog niet gelukt (Teams antwoordde 503)');
  });
});
