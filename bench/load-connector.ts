import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One call the bot made to the Bot Connector, stamped when its body had fully arrived. */
export interface Reply {
  readonly method: string;
  /** performance.now() when the request body was complete. */
  readonly at: number;
  /** The activity id the connector answered with (what Teams sends back as replyToId on a click). */
  readonly id: string;
  /** The parsed activity; only kept for POSTs, the cards a staff member can click next. */
  readonly activity?: unknown;
}

/** Whoever waits for the replies in one conversation. */
export interface ReplySink {
  onReply(reply: Reply): void;
}

const PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

/**
 * A lean stand-in for the Bot Connector under load: answers like the real one, timestamps each
 * call and hands it to the sink of its conversation. Unlike the test connector it keeps nothing,
 * so it can take millions of calls.
 */
export class LoadConnector {
  private readonly sinks = new Map<string, ReplySink>();
  private server: Server | undefined;
  private nextId = 1;
  /** Calls for a conversation nobody listens to, or to a path the connector does not serve. */
  unrouted = 0;
  /** TCP connections the servers opened to the connector: few means they keep connections alive. */
  connections = 0;
  calls = 0;

  async start(): Promise<string> {
    const server = createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 60_000;
    server.on('connection', () => (this.connections += 1));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  route(conversationId: string, sink: ReplySink): void {
    this.sinks.set(conversationId, sink);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      this.calls += 1;
      const match = PATH.exec(new URL(req.url ?? '/', 'http://connector').pathname);
      const sink = match?.[1] === undefined ? undefined : this.sinks.get(decodeURIComponent(match[1]));
      if (!match || !sink) {
        this.unrouted += 1;
        res.writeHead(404).end();
        return;
      }
      const method = req.method ?? 'GET';
      const id = method === 'PUT' && match[2] !== undefined ? decodeURIComponent(match[2]) : `act-${this.nextId++}`;
      let activity: unknown;
      if (method === 'POST') {
        try {
          activity = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          activity = undefined;
        }
      }
      sink.onReply({ method, at, id, activity });
      res.writeHead(method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  }
}
