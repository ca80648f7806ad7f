import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  /** Set for PUT/POST on an existing activity (updates and replies). */
  readonly activityId?: string;
  readonly body: Record<string, unknown>;
  /** The request's Authorization header, when it had one. */
  readonly authorization?: string;
  /** When the call arrived (Date.now()). */
  readonly at: number;
  /** The activity id the connector answered with (what Teams later sends back as replyToId). */
  responseId?: string;
  /** For POST /v3/conversations: the id of the conversation it created. */
  createdId?: string;
}

/** Decides the HTTP status (and error message) of a call (index counts every attempt); return undefined for the normal 200/201. */
export type ConnectorFault = (call: ConnectorCall, index: number) => { status: number; headers?: Record<string, string>; message?: string } | undefined;

/**
 * A local stand-in for the Bot Connector service: records what the bot sends to
 * `/v3/conversations/...` and answers like the real one. Start it, put its URL in each
 * activity's `serviceUrl`, read `calls`.
 */
export class FakeConnector {
  /** Calls answered normally. */
  readonly calls: ConnectorCall[] = [];
  /** Every call, including those answered with an injected fault. */
  readonly attempts: ConnectorCall[] = [];
  /**
   * Calls whose client hung up before the connector answered (a bot that aborted a hung call):
   * like a service that cancels work its caller gave up on, they are not carried out.
   */
  readonly abandoned: ConnectorCall[] = [];
  /** TCP connections the bot opened to the connector (few: it keeps them alive). */
  connections = 0;
  private server: Server | undefined;
  private waiters: Array<() => void> = [];
  private nextId = 1;
  fault: ConnectorFault | undefined;
  /** Milliseconds to wait before answering a call (a slow Teams). */
  delayMs = 0;
  /** Milliseconds to wait before answering this call (index counts every attempt); overrides delayMs. */
  delayFor: ((call: ConnectorCall, index: number) => number) | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', () => (this.connections += 1));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  async stop(): Promise<void> {
    // Calls still being delayed (a hung Teams) are cut off, as the bot's timeout would.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Resolves once at least `count` calls have arrived (or rejects after `timeoutMs`). */
  async waitForCalls(count: number, timeoutMs = 5000): Promise<ConnectorCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.calls.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} connector calls, got ${this.calls.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.calls;
  }

  /** The conversations created with POST /v3/conversations, in order: their ids and what they were created with. */
  get created(): Array<{ readonly id: string; readonly body: Record<string, unknown> }> {
    return this.calls.filter((c) => c.method === 'POST' && c.conversationId === '' && c.createdId !== undefined).map((c) => ({ id: c.createdId ?? '', body: c.body }));
  }

  private createdConversationId(body: Record<string, unknown>, id: string): string {
    const channelData = body.channelData;
    const channel = typeof channelData === 'object' && channelData !== null && 'channel' in channelData ? channelData.channel : undefined;
    const channelId = typeof channel === 'object' && channel !== null && 'id' in channel && typeof channel.id === 'string' ? channel.id : undefined;
    return channelId ? `${channelId};messageid=${id}` : `a:personal-${id}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://connector');
    const match = /^\/v3\/conversations(?:\/([^/]+)(?:\/activities(?:\/([^/]+))?)?)?\/?$/.exec(url.pathname);
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = text === '' ? {} : JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
    } catch {
      body = { unparsable: text };
    }
    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      conversationId: decodeURIComponent(match?.[1] ?? ''),
      activityId: match?.[2] === undefined ? undefined : decodeURIComponent(match[2]),
      body,
      authorization: req.headers.authorization,
      at: Date.now(),
    };
    this.attempts.push(call);
    let hungUp = false;
    res.on('close', () => (hungUp = !res.writableFinished));
    const delay = this.delayFor?.(call, this.attempts.length - 1) ?? this.delayMs;
    // A hang-up ends the wait: a hung call whose client gave up is over, not merely late.
    if (delay > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (hungUp) {
      this.abandoned.push(call);
      return;
    }
    const fault = this.fault?.(call, this.attempts.length - 1);
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(JSON.stringify({ error: { code: 'Fault', message: fault.message ?? `injected ${fault.status}` } }));
      return;
    }
    if (!match) {
      this.calls.push(call);
      res.writeHead(404).end();
      return;
    }
    const id = call.activityId && call.method === 'PUT' ? call.activityId : `act-${this.nextId++}`;
    call.responseId = id;
    if (call.conversationId === '' && call.method === 'POST') call.createdId = this.createdConversationId(body, id);
    this.calls.push(call);
    this.waiters.splice(0).forEach((wake) => wake());
    res.writeHead(call.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
    // POST /v3/conversations creates a conversation and posts its first activity: in a channel, a new
    // thread named as Teams names it (`<channel>;messageid=<first message>`); else a personal chat.
    res.end(JSON.stringify(call.conversationId === '' ? { id: this.createdConversationId(body, id), activityId: id } : { id }));
  }
}
