import type { IncomingMessage } from 'node:http';

/** The Bot Connector's REST paths the bot calls: `/v3/conversations[/<id>[/activities[/<id>]]]`. */
const CONNECTOR_PATH = /^\/v3\/conversations(?:\/([^/]+)(?:\/activities(?:\/([^/]+))?)?)?\/?$/;

/**
 * One call of the bot to a stand-in Bot Connector (the terminal chat's, the chaos run's): its JSON
 * body (an object; anything else reads as empty) and, when the path is one of the connector's,
 * the conversation it names ('' for a new conversation) and the activity (an update's).
 */
export interface ConnectorCall {
  readonly body: Record<string, unknown>;
  readonly route?: { readonly conversationId: string; readonly activityId?: string };
}

/** Reads a request to a stand-in Bot Connector to its end, as a {@link ConnectorCall}. */
export async function readConnectorCall(req: IncomingMessage): Promise<ConnectorCall> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: an empty body.
  }
  const match = CONNECTOR_PATH.exec(new URL(req.url ?? '/', 'http://connector').pathname);
  if (!match) return { body };
  const activityId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
  return { body, route: { conversationId: decodeURIComponent(match[1] ?? ''), activityId } };
}
