import { randomUUID } from 'node:crypto';
import type { ConnectorCall, FakeConnector } from './fake-connector.js';
import { cardButtons, cardOf, cardText } from './card-text.js';

export interface HttpReply {
  readonly call: ConnectorCall;
  readonly text: string;
  readonly card?: unknown;
}

/**
 * A staff member in Teams, over real HTTP: activities are POSTed to the bot's /api/messages
 * with the fake connector as serviceUrl; what the staff member sees is what reached the connector.
 */
export class HttpDesk {
  private counter = 0;
  readonly seen: HttpReply[] = [];
  /** Extra request headers, such as the Bot Connector's `authorization` when the bot runs with authentication. */
  headers: Record<string, string> = {};

  constructor(
    /** The bot instance the next activity goes to; tests with several instances or a restart switch it. */
    public botUrl: string,
    private readonly connector: FakeConnector,
    private readonly serviceUrl: string,
    private readonly conversation: { id: string; conversationType?: string } = { id: 'http-conv-1', conversationType: 'personal' },
  ) {}

  async say(text: string): Promise<HttpReply[]> {
    return this.post({ text });
  }

  /** Clicks a submit button by title; `inputs` are the card's input values Teams merges into the data. */
  async click(title: string, inputs: Record<string, string> = {}): Promise<HttpReply[]> {
    return this.post(this.clickFields(title, inputs));
  }

  /** The activity fields of a click on the newest card with that button, to post them yourself (twice, with a fixed id, …). */
  clickFields(title: string, inputs: Record<string, string> = {}): { value: Record<string, unknown>; replyToId: string | undefined } {
    const source = [...this.seen].reverse().find((r) => r.card !== undefined && cardButtons(r.card).some((b) => b.type === 'Action.Submit' && b.title === title));
    const button = source?.card === undefined ? undefined : cardButtons(source.card).find((b) => b.type === 'Action.Submit' && b.title === title);
    if (!source || !button) throw new Error(`No button "${title}" on any card the bot sent`);
    const data = typeof button.data === 'object' && button.data !== null ? button.data : {};
    return { value: { ...data, ...inputs }, replyToId: source.call.responseId };
  }

  /** POSTs one message activity; returns what the bot sent to the connector during that turn. */
  async post(fields: Record<string, unknown>, expectStatus = 200): Promise<HttpReply[]> {
    this.counter += 1;
    const before = this.connector.calls.length;
    const response = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers },
      body: JSON.stringify(this.activity(fields)),
    });
    if (response.status !== expectStatus) throw new Error(`bot answered HTTP ${response.status}: ${await response.text()}`);
    const replies = this.connector.calls.slice(before).map((call) => {
      const card = cardOf(call.body as { attachments?: Array<{ contentType?: string; content?: unknown }> });
      return { call, card, text: card === undefined ? String(call.body.text ?? '') : cardText(card) };
    });
    this.seen.push(...replies);
    return replies;
  }

  activity(fields: Record<string, unknown>): Record<string, unknown> {
    return {
      type: 'message',
      // Unique across desks: two desks in one conversation must never send the same id (the bot would take it for Teams re-sending).
      id: `http-${this.counter}-${randomUUID()}`,
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      from: { id: 'staff-1', name: 'Balie Medewerker', aadObjectId: '00000000-0000-0000-0000-000000000001' },
      recipient: { id: 'bot-1', name: 'Baliewijzer' },
      conversation: this.conversation,
      channelData: { tenant: { id: '00000000-0000-0000-0000-0000000000aa' } },
      ...fields,
    };
  }
}

export const textOf = (replies: readonly HttpReply[]): string => replies.map((r) => r.text).join('\n---\n');
