import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readConnectorCall } from '../cli/connector-call.js';

/** What reached the connector and was answered normally. */
export interface Delivered {
  readonly method: string;
  readonly conversationId: string;
  /** Set for updates (PUT) of an earlier activity. */
  readonly activityId?: string;
  readonly body: Record<string, unknown>;
  /** The id this connector gave the activity (what a later click names as replyToId). */
  readonly id: string;
}

export interface ConnectorFaults {
  /** Share of calls answered 500 (the bot's client retries them). */
  readonly failShare: number;
  /** Share of calls held this long before they are answered (a slow or hanging Teams). */
  readonly hangShare: number;
  readonly hangMs: number;
}

/**
 * A Bot Connector that misbehaves: answers some calls 500 and holds some for seconds, at random,
 * and records what it did deliver. Channel posts (POST /v3/conversations) are counted per staff
 * member they mention, to check that every summary was posted exactly once.
 */
export class ChaosConnector {
  readonly delivered: Delivered[] = [];
  readonly channelPosts = new Map<string, number>();
  faults: ConnectorFaults = { failShare: 0, hangShare: 0, hangMs: 0 };
  attempts = 0;
  failed = 0;
  held = 0;
  private server: Server | undefined;
  private nextId = 1;
  private readonly listeners = new Set<(delivered: Delivered) => void>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  onDelivered(listener: (delivered: Delivered) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { body, route } = await readConnectorCall(req);
    this.attempts += 1;
    if (Math.random() < this.faults.hangShare) {
      this.held += 1;
      await new Promise((resolve) => setTimeout(resolve, this.faults.hangMs));
    }
    if (Math.random() < this.faults.failShare) {
      this.failed += 1;
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"ServiceError","message":"chaos"}}');
      return;
    }
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const { conversationId } = route;
    const updated = req.method === 'PUT' ? route.activityId : undefined;
    const update = updated !== undefined;
    const id = updated ?? `act-${this.nextId++}`;
    if (conversationId === '') {
      // The post @mentions the staff member whose case it is: posts are counted per staff member.
      const staffId = /"mentioned":\{"id":"([^"]+)"/.exec(JSON.stringify(body))?.[1] ?? 'unknown';
      this.channelPosts.set(staffId, (this.channelPosts.get(staffId) ?? 0) + 1);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `thread-${id}`, activityId: id }));
      return;
    }
    const delivered: Delivered = { method: req.method ?? 'POST', conversationId, activityId: update ? id : undefined, body, id };
    this.delivered.push(delivered);
    this.listeners.forEach((listener) => listener(delivered));
    res.writeHead(update ? 200 : 201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  }
}
