import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readConnectorCall } from '../cli/connector-call.js';

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
    const { body: activity, route } = await readConnectorCall(req);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const { conversationId } = route;
    if (conversationId === '') {
      // A summary posted as a new thread in a team channel.
      const id = `act-${this.nextId++}`;
      const inner = typeof activity.activity === 'object' && activity.activity !== null ? (activity.activity as Record<string, unknown>) : {};
      this.onEvent({ kind: 'create', conversationId: `thread-${id}`, activityId: id, activity: inner });
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `thread-${id}`, activityId: id }));
      return;
    }
    const updated = req.method === 'PUT' ? route.activityId : undefined;
    const isUpdate = updated !== undefined;
    const activityId = updated ?? `act-${this.nextId++}`;
    this.onEvent({ kind: isUpdate ? 'update' : 'send', conversationId, activityId, activity });
    res.writeHead(isUpdate ? 200 : 201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: activityId }));
  }
}
