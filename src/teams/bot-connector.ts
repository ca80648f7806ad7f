import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';

/** How the bot's calls to the Bot Connector behave; see CONNECTOR_* in config.ts. */
export interface BotConnectorOptions {
  /** One attempt may take this long; then it is aborted (its connection closed), and not retried. */
  readonly timeoutMs: number;
  readonly log: Logger;
  /** Attempts per call: the first and retries after 429, 5xx or a connection error. Default {@link CONNECTOR_ATTEMPTS}. */
  readonly attempts?: number;
  /** First wait before a retry; it doubles per retry. */
  readonly retryBaseMs?: number;
}

/** Attempts per call. */
export const CONNECTOR_ATTEMPTS = 3;
/**
 * A wait before a retry (backoff, or a Retry-After) is at most this long, and never longer than
 * the timeout; a longer Retry-After is left to the caller (the outbox reschedules the post).
 */
export const MAX_RETRY_WAIT_MS = 5_000;
const RETRY_BASE_MS = 500;

const longestWaitMs = (timeoutMs: number): number => Math.min(MAX_RETRY_WAIT_MS, timeoutMs);

/** The longest one call can take with `timeoutMs` per attempt: every attempt and the waits between them. */
export function longestCallMs(timeoutMs: number, attempts = CONNECTOR_ATTEMPTS): number {
  return attempts * timeoutMs + (attempts - 1) * longestWaitMs(timeoutMs);
}

/** Where a call goes and how it is signed: the service URL of the conversation and the bot's token for it (none without an app id). */
export interface ConnectorTarget {
  readonly serviceUrl: string;
  readonly token: () => Promise<string | undefined>;
}

/**
 * A call the Bot Connector refused, or that got no answer. Shaped like the SDK's RestError
 * (`statusCode`, `response.headers.get('retry-after')`), so the retry policies read both alike.
 */
export class ConnectorCallError extends Error {
  override readonly name = 'ConnectorCallError';
  constructor(
    message: string,
    readonly reason: 'status' | 'timeout' | 'connection',
    readonly statusCode?: number,
    private readonly retryAfter?: string,
  ) {
    super(message);
  }

  get response(): { readonly headers: { get(name: string): string | undefined } } {
    const retryAfter = this.retryAfter;
    return { headers: { get: (name) => (name.toLowerCase() === 'retry-after' ? retryAfter : undefined) } };
  }
}

/** The connector's answer to a send, reply or update: the id of the activity. */
const resourceResponseSchema = z.looseObject({ id: z.string().optional() });
/** The connector's answer to a new conversation (a new channel thread). */
const conversationResponseSchema = z.looseObject({ id: z.string().min(1), activityId: z.string().optional() });

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

/**
 * The Bot Connector REST calls the bot makes (send, reply, update, delete, new conversation),
 * on one keep-alive HTTP client: each activity is serialised once, with JSON.stringify, where the
 * SDK's client builds a request through a pipeline of a dozen policies and walks the activity
 * against its type mappers (issue 19 measured 43–47 % of an echo bot's CPU there). Every attempt
 * has a timeout, after which the request is aborted, not abandoned: its connection is closed, so
 * a late answer cannot arrive and be mistaken for a success, and nothing is retried after a time-
 * out (a hung connector would hold the caller for another timeout). 429 (after a short
 * Retry-After), 500/502/503/504 and connection errors are retried with backoff, as the SDK does;
 * 412 is left to the caller (the turn retries its replies, see held-replies.ts).
 */
export class BotConnector {
  private readonly http = new HttpAgent({ keepAlive: true, scheduling: 'lifo' });
  private readonly https = new HttpsAgent({ keepAlive: true, scheduling: 'lifo' });

  constructor(private readonly options: BotConnectorOptions) {}

  /** POST v3/conversations/{id}/activities: a new message in the conversation. */
  async sendToConversation(target: ConnectorTarget, conversationId: string, activity: object): Promise<{ id?: string }> {
    return resourceResponseSchema.parse(await this.call(target, 'POST', `v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity));
  }

  /** POST v3/conversations/{id}/activities/{replyToId}: a reply to an activity. */
  async replyToActivity(target: ConnectorTarget, conversationId: string, replyToId: string, activity: object): Promise<{ id?: string }> {
    return resourceResponseSchema.parse(await this.call(target, 'POST', `v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(replyToId)}`, activity));
  }

  /** PUT v3/conversations/{id}/activities/{activityId}: replaces a message the bot sent (a clicked card). */
  async updateActivity(target: ConnectorTarget, conversationId: string, activityId: string, activity: object): Promise<{ id?: string }> {
    return resourceResponseSchema.parse(await this.call(target, 'PUT', `v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`, activity));
  }

  /** DELETE v3/conversations/{id}/activities/{activityId}. */
  async deleteActivity(target: ConnectorTarget, conversationId: string, activityId: string): Promise<void> {
    await this.call(target, 'DELETE', `v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`);
  }

  /** POST v3/conversations: a new conversation, in Teams a new thread in a channel, with its first message. */
  async createConversation(target: ConnectorTarget, parameters: object): Promise<{ id: string; activityId?: string }> {
    return conversationResponseSchema.parse(await this.call(target, 'POST', 'v3/conversations', parameters));
  }

  /** Closes the kept-alive connections (at shutdown). */
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }

  private async call(target: ConnectorTarget, method: string, path: string, body?: object): Promise<unknown> {
    const url = new URL(path, target.serviceUrl.endsWith('/') ? target.serviceUrl : `${target.serviceUrl}/`);
    const text = body === undefined ? undefined : JSON.stringify(body);
    const attempts = this.options.attempts ?? CONNECTOR_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      const token = await target.token();
      try {
        return await this.attempt(url, method, token, text);
      } catch (error) {
        const wait = error instanceof ConnectorCallError && attempt < attempts ? this.retryDelay(error, attempt) : undefined;
        if (wait === undefined) throw error;
        this.options.log.info({ event: 'connector.retry', method, status: error instanceof ConnectorCallError ? error.statusCode : undefined, attempt, delayMs: wait }, 'Bot Connector call failed; trying again');
        await sleep(wait);
      }
    }
  }

  /** How long to wait before the next attempt, or undefined when this failure is not retried here. */
  private retryDelay(error: ConnectorCallError, attempt: number): number | undefined {
    if (error.reason === 'timeout') return undefined;
    if (error.reason === 'status' && (error.statusCode === undefined || !RETRY_STATUS.has(error.statusCode))) return undefined;
    const longest = longestWaitMs(this.options.timeoutMs);
    const backoff = Math.min(longest, (this.options.retryBaseMs ?? RETRY_BASE_MS) * 2 ** (attempt - 1));
    const retryAfter = error.response.headers.get('retry-after');
    if (error.statusCode !== 429 || retryAfter === undefined) return backoff;
    const asked = retryAfterMs(retryAfter);
    if (asked === undefined) return backoff;
    return asked <= longest ? asked : undefined;
  }

  private attempt(url: URL, method: string, token: string | undefined, text: string | undefined): Promise<unknown> {
    const secure = url.protocol === 'https:';
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (text !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      headers['content-length'] = Buffer.byteLength(text);
    }
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const onResponse = (res: IncomingMessage): void => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => finish(() => reject(new ConnectorCallError(`Bot Connector answer broke off: ${error.message}`, 'connection'))));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const answer = Buffer.concat(chunks).toString('utf8');
          if (status >= 200 && status < 300) {
            finish(() => resolve(parseJson(answer)));
            return;
          }
          const retryAfter = res.headers['retry-after'];
          finish(() => reject(new ConnectorCallError(`Bot Connector answered ${status} to ${method} ${url.pathname}: ${errorMessage(answer)}`, 'status', status, typeof retryAfter === 'string' ? retryAfter : undefined)));
        });
      };
      const req = (secure ? httpsRequest : httpRequest)(url, { method, headers, agent: secure ? this.https : this.http }, onResponse);
      const timer = setTimeout(() => {
        finish(() => reject(new ConnectorCallError(`Bot Connector did not answer ${method} ${url.pathname} within ${this.options.timeoutMs} ms; aborted`, 'timeout')));
        // Closes the connection: whatever the connector was doing with it cannot come back as a success.
        req.destroy();
      }, this.options.timeoutMs);
      req.on('error', (error) => finish(() => reject(new ConnectorCallError(`Bot Connector call ${method} ${url.pathname} failed: ${error.message}`, 'connection'))));
      req.end(text);
    });
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** The connector's error text ({ error: { message } }), cut short; the body as such when it has none. */
function errorMessage(text: string): string {
  const parsed = z.looseObject({ error: z.looseObject({ message: z.string() }) }).safeParse(parseJson(text));
  return (parsed.success ? parsed.data.error.message : text).slice(0, 200);
}

/** Milliseconds from a Retry-After value (seconds or an HTTP date). */
function retryAfterMs(value: string): number | undefined {
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
