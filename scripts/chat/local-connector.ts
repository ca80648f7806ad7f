import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the bot sent: a new message, an update of an earlier one, or a post in a new (channel) conversation. */
export interface ConnectorEvent {
  readonly kind: 'send' | 'update' | 'create';
  readonly conversationId: string;
  /** The id this activity has (given by us for sends, the bot's for updates). */
  readonly activityId: string;
  readonly activity: Record<string, unknown>;
}

/**
 * The Bot Connector the bot talks back to, on this machine: the bot posts its replies to
 * `serviceUrl`, and here they become events for the terminal. It answers like Teams does (an
 * activity id per message), so card updates and clicks refer to the right message.
 */
export class LocalConnector {
  private server: Server | undefined;
  private nextId = 1;

  constructor(private readonly onEvent: (event: ConnectorEvent) => void) {}

  /** Listens on a free port of 127.0.0.1; resolves with the serviceUrl to put in activities. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let activity: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) activity = parsed as Record<string, unknown>;
    } catch {
      // not JSON: shown as an empty activity
    }
    const path = new URL(req.url ?? '/', 'http://connector').pathname;
    const match = /^\/v3\/conversations(?:\/([^/]+)(?:\/activities(?:\/([^/]+))?)?)?\/?$/.exec(path);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const conversationId = decodeURIComponent(match[1] ?? '');
    if (conversationId === '') {
      // A summary posted as a new thread in a team channel.
      const id = `act-${this.nextId++}`;
      const inner = typeof activity.activity === 'object' && activity.activity !== null ? (activity.activity as Record<string, unknown>) : {};
      this.onEvent({ kind: 'create', conversationId: `thread-${id}`, activityId: id, activity: inner });
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `thread-${id}`, activityId: id }));
      return;
    }
    const isUpdate = req.method === 'PUT' && match[2] !== undefined;
    const activityId = isUpdate ? decodeURIComponent(match[2] ?? '') : `act-${this.nextId++}`;
    this.onEvent({ kind: isUpdate ? 'update' : 'send', conversationId, activityId, activity });
    res.writeHead(isUpdate ? 200 : 201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: activityId }));
  }
}
