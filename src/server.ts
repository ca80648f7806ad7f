import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { TurnContext } from 'botbuilder';
import type { AuthFirstAdapter } from './adapter.js';
import { activityBodySchema, tenantOf, toActivity } from './http/activity-body.js';
import { discardBody, readJsonBody } from './http/json-body.js';
import { RateLimiter, type RateLimitOptions } from './http/rate-limiter.js';
import { hashId, type Logger } from './logging/logger.js';
import { attachTurnLog, turnLogger } from './logging/turn-log.js';

export interface RunningServer {
  readonly url: string;
  /** The interface and port the server really listens on, e.g. `127.0.0.1:3978` or `0.0.0.0:3978`. */
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

/** One readiness check: its name and whether it passed. */
export type ReadinessCheck = () => Promise<{ readonly name: string; readonly ok: boolean }>;

/** How long a client may take and how many may be connected; see HTTP_* in config.ts. */
export interface ConnectionLimits {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly maxConnections: number;
}

export interface ServerDeps {
  readonly adapter: AuthFirstAdapter;
  readonly bot: { run(context: TurnContext): Promise<void> };
  readonly log: Logger;
  /** Largest accepted request body in bytes; larger gets 413. */
  readonly maxBodyBytes?: number;
  /** Incoming turns per conversation (authenticated) and failed authentications per client address; over it gets 429 with Retry-After. */
  readonly rateLimit?: RateLimitOptions;
  /** When not empty, only these Microsoft 365 tenants (lower-case) get an answer. */
  readonly allowedTenants?: ReadonlySet<string>;
  readonly readiness?: readonly ReadinessCheck[];
  readonly connections?: ConnectionLimits;
  /** The rate limits' clock (tests give one of their own, so a slow machine cannot refill a bucket). */
  readonly now?: () => number;
}

export interface BotServer {
  readonly server: restify.Server;
  /** Turns being processed right now. */
  inFlight(): number;
  /** Resolves when no turn is in flight, or after `timeoutMs`; returns whether it drained. */
  drain(timeoutMs: number): Promise<boolean>;
}

/** Node checks the header and request timeouts on this beat; its default (30 s) would let a slow client stay far longer than configured. */
const TIMEOUT_CHECK_MS = 1_000;

/**
 * restify: `POST /api/messages` for the Bot Connector, `GET /healthz` (alive), `GET /readyz`
 * (flows loaded, storage takes writes). A request to /api/messages passes, in this order: its body
 * (only JSON without Content-Encoding, else 415; too large 413, streaming; not an activity 400),
 * authentication (401, or 503 when the signing keys cannot be fetched), the tenant allow-list
 * (403), and the per-conversation rate limit (429). Nothing the body claims (tenant,
 * conversation) counts before the request is known to come from the Bot Connector; requests that
 * fail authentication are limited per client address only.
 */
export function createServer(deps: ServerDeps): BotServer {
  const { log } = deps;
  const server = restify.createServer({ name: 'baliewijzer', handleUncaughtExceptions: false });
  if (deps.connections) limitConnections(server, deps.connections);
  const limits = deps.rateLimit ?? { burst: 20, perSecond: 5 };
  const perConversation = new RateLimiter(limits, deps.now);
  const failuresPerClient = new RateLimiter(limits, deps.now);
  let inFlight = 0;
  const idle: Array<() => void> = [];

  server.post('/api/messages', async (req, res) => {
    const maxBodyBytes = deps.maxBodyBytes ?? 256 * 1024;
    const body = await readJsonBody(req, maxBodyBytes);
    if (!body.ok) {
      log.warn({ event: 'http.body-refused', reason: body.reason, status: body.status }, 'request body refused');
      // A body refused on its headers flows past unread (up to the size limit) so the client reads
      // the answer; one past the limit is not worth receiving: answer and close the connection.
      if (body.status === 413 || (body.status === 415 && !discardBody(req, maxBodyBytes))) res.header('Connection', 'close');
      if (body.reason === 'encoded') res.header('Accept-Encoding', 'identity');
      res.send(body.status);
      return;
    }
    const parsed = activityBodySchema.safeParse(body.value);
    if (!parsed.success) {
      log.warn({ event: 'http.bad-activity', issues: parsed.error.issues.length }, 'request body is not an activity');
      res.send(400, { error: 'Body is not a Bot Framework activity', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 5) });
      return;
    }
    const activity = toActivity(parsed.data);

    const authentication = await deps.adapter.authenticate(activity, req.headers.authorization);
    if (!authentication.ok) {
      if (authentication.status === 503) {
        log.warn({ event: 'auth.unavailable', reason: authentication.reason }, 'cannot check the token now: the signing keys could not be fetched');
        res.header('Retry-After', '10');
        res.send(503);
        return;
      }
      const client = req.socket.remoteAddress ?? 'unknown';
      const waitMs = failuresPerClient.take(client);
      if (waitMs > 0) {
        log.debug({ event: 'auth.client-limited', client: hashId(client), waitMs }, 'client keeps failing authentication');
        res.header('Retry-After', String(Math.ceil(waitMs / 1000)));
        res.send(429);
        return;
      }
      log.warn({ event: 'auth.rejected', reason: authentication.reason, client: hashId(client) }, 'request is not from the Bot Connector');
      res.send(401);
      return;
    }

    const conversation = hashId(parsed.data.conversation.id);
    const tenant = tenantOf(parsed.data)?.toLowerCase();
    if (deps.allowedTenants && deps.allowedTenants.size > 0 && (tenant === undefined || !deps.allowedTenants.has(tenant))) {
      log.warn({ event: 'tenant.rejected', tenant: hashId(tenant), type: parsed.data.type }, 'activity from a tenant that is not allowed');
      res.send(403);
      return;
    }
    const waitMs = perConversation.take(parsed.data.conversation.id);
    if (waitMs > 0) {
      log.warn({ event: 'http.rate-limited', conversation, waitMs }, 'conversation sends too fast');
      res.header('Retry-After', String(Math.ceil(waitMs / 1000)));
      res.send(429);
      return;
    }
    inFlight += 1;
    const turn = turnLogger(log, parsed.data.conversation.id);
    try {
      const invoke = await deps.adapter.processAuthenticated(authentication.result, activity, (context) => {
        attachTurnLog(context, turn);
        return deps.bot.run(context);
      });
      res.send(invoke?.status ?? 200, invoke?.body);
    } catch (error) {
      turn.log.error({ event: 'http.turn-failed', err: error instanceof Error ? error.message : 'unknown' }, 'turn could not be run');
      if (!res.headersSent) res.send(500);
    } finally {
      inFlight -= 1;
      if (inFlight === 0) idle.splice(0).forEach((wake) => wake());
    }
  });

  // The Agents Playground and some proxies probe the endpoint with HEAD before posting.
  server.head('/api/messages', (_req, res, next) => {
    res.send(200);
    return next();
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  server.get('/readyz', async (_req, res) => {
    const results = await Promise.all((deps.readiness ?? []).map((check) => check().catch(() => ({ name: 'check', ok: false }))));
    const ready = results.every((r) => r.ok);
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not-ready', checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'failed'])) });
  });

  server.on('restifyError', (req, _res, error: Error & { statusCode?: number }, callback: () => void) => {
    log.warn({ event: 'http.rejected', path: req.path(), status: error.statusCode, reason: error.name }, 'request rejected');
    callback();
  });

  return {
    server,
    inFlight: () => inFlight,
    drain: (timeoutMs) =>
      inFlight === 0
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), timeoutMs);
            idle.push(() => {
              clearTimeout(timer);
              resolve(true);
            });
          }),
  };
}

/**
 * Slow or idle clients are cut off (Node answers 408 and closes) and the number of open connections
 * is capped (connections over it are closed at once), so dribbling clients cannot hold the process.
 */
function limitConnections(server: restify.Server, limits: ConnectionLimits): void {
  const http = server.server;
  http.headersTimeout = limits.headersTimeoutMs;
  http.requestTimeout = limits.requestTimeoutMs;
  http.keepAliveTimeout = limits.keepAliveTimeoutMs;
  http.maxConnections = limits.maxConnections;
  // Not in @types/node's Server, but a public option Node reads when the server starts listening.
  Object.assign(http, { connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_MS, limits.headersTimeoutMs) });
}

/** Listens on host:port (0 = any free port) and resolves once the port is open. */
export function listen(server: restify.Server, port: number, host: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' ? 'localhost' : host;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        address: `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
        port: address.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
