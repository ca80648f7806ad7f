import { randomUUID } from 'node:crypto';
import type { ConnectorCall, FakeConnector } from './fake-connector.js';
import { botButtons, cardOf, cardText, type CardButton } from './card-text.js';

export interface HttpReply {
  /** The call that reached the connector; for the answer to an Action.Execute, one made up from the HTTP response (method ANSWER, on the clicked card). */
  readonly call: ConnectorCall;
  readonly text: string;
  readonly card?: unknown;
}

/** What the bot answered an Action.Execute with, in the HTTP response to the invoke. */
export interface InvokeAnswer {
  readonly status: number;
  readonly body: unknown;
  /** The card that replaces the clicked one for the one who clicked, when the answer is a card. */
  readonly card?: unknown;
  /** The short text Teams shows under the card, when the answer is a message. */
  readonly message?: string;
}

/** One click on an Action.Execute: what went to the connector during the turn, and the invoke's answer. */
export interface Execution {
  readonly replies: HttpReply[];
  readonly answer: InvokeAnswer;
}

/** A card as it stands in the chat: the newest version of one activity (sent, then updated, then the answer to a click on it). */
export interface ShownCard {
  readonly activityId: string;
  readonly card: unknown;
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
  /** Who sends the activities (a group chat or channel test switches it to act as a colleague). */
  from: Record<string, unknown> = { id: 'staff-1', name: 'Balie Medewerker', aadObjectId: '00000000-0000-0000-0000-000000000001' };

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

  /**
   * Clicks a button by title as a client without Universal Actions does: its Action.Submit
   * fallback, a message whose value is the data; `inputs` are the card's input values Teams merges into the data.
   */
  async click(title: string, inputs: Record<string, string> = {}): Promise<HttpReply[]> {
    return this.post(this.clickFields(title, inputs));
  }

  /** The activity fields of a click (Action.Submit fallback) on the newest card with that button, to post them yourself (twice, with a fixed id, …). */
  clickFields(title: string, inputs: Record<string, string> = {}): { value: Record<string, unknown>; replyToId: string | undefined } {
    const { button, activityId } = this.buttonOnScreen(title);
    const submit = button.type === 'Action.Submit' ? button : button.fallback;
    const data = typeof submit?.data === 'object' && submit.data !== null ? submit.data : {};
    return { value: { ...data, ...inputs }, replyToId: activityId };
  }

  /**
   * The button titled `title` on the newest card that shows it (as last sent, updated or
   * answered), or on the card `activityId`; fails when no card on screen has it.
   */
  protected buttonOnScreen(title: string, activityId?: string): { button: CardButton; activityId: string } {
    const shown = this.screen().filter((c) => activityId === undefined || c.activityId === activityId);
    const source = shown.reverse().find((c) => botButtons(c.card).some((b) => b.title === title));
    const button = source && botButtons(source.card).find((b) => b.title === title);
    if (!source || !button) throw new Error(`No button "${title}" on ${activityId === undefined ? 'any card on screen' : `card ${activityId}`}`);
    return { button, activityId: source.activityId };
  }

  /**
   * Clicks a button by title as Teams does with Universal Actions: an `adaptiveCard/action` invoke
   * with the Action.Execute's verb and data (`inputs` merged in), on the newest card that shows
   * it. Returns what the bot sent during the turn and the invoke's answer; a card answer replaces
   * the clicked card on screen, as Teams shows it to the one who clicked.
   */
  async execute(title: string, options: { readonly inputs?: Record<string, string>; readonly fields?: Record<string, unknown>; readonly card?: string } = {}): Promise<Execution> {
    const { inputs = {}, fields = {} } = options;
    const { button, activityId } = this.buttonOnScreen(title, options.card);
    if (button.type !== 'Action.Execute' || button.verb === undefined) throw new Error(`"${title}" is a ${button.type} without a verb, not a Universal Action`);
    const data = typeof button.data === 'object' && button.data !== null ? button.data : {};
    return this.invoke({ action: { type: 'Action.Execute', id: '', verb: button.verb, data: { ...data, ...inputs } }, trigger: 'manual' }, activityId, fields);
  }

  /** Teams asking for the card's refresh (Universal Actions), as the client of whoever `fields.from` names. */
  async refresh(activityId: string, fields: Record<string, unknown> = {}): Promise<Execution> {
    const card = this.screen().find((c) => c.activityId === activityId)?.card;
    const refresh = typeof card === 'object' && card !== null ? Reflect.get(card, 'refresh') : undefined;
    const action = typeof refresh === 'object' && refresh !== null ? Reflect.get(refresh, 'action') : undefined;
    if (typeof action !== 'object' || action === null) throw new Error(`card ${activityId} has no refresh`);
    return this.invoke({ action, trigger: 'automatic' }, activityId, fields);
  }

  /** POSTs an `adaptiveCard/action` invoke about the card `activityId`; returns the turn's replies and its answer. */
  async invoke(value: unknown, activityId: string | undefined, fields: Record<string, unknown> = {}): Promise<Execution> {
    const { replies, response } = await this.exchange({ type: 'invoke', name: 'adaptiveCard/action', value, replyToId: activityId, ...fields });
    const body: unknown = response.text === '' ? undefined : JSON.parse(response.text);
    const type = typeof body === 'object' && body !== null ? Reflect.get(body, 'type') : undefined;
    const value_ = typeof body === 'object' && body !== null ? Reflect.get(body, 'value') : undefined;
    const answer: InvokeAnswer = {
      status: response.status,
      body,
      card: type === 'application/vnd.microsoft.card.adaptive' ? value_ : undefined,
      message: type === 'application/vnd.microsoft.activity.message' && typeof value_ === 'string' ? value_ : undefined,
    };
    if (answer.card !== undefined && activityId !== undefined) {
      const call: ConnectorCall = { method: 'ANSWER', path: '', conversationId: this.conversation.id, activityId, body: {}, at: Date.now(), responseId: activityId };
      this.seen.push({ call, card: answer.card, text: cardText(answer.card) });
    }
    return { replies, answer };
  }

  /** POSTs one message activity; returns what the bot sent to the connector during that turn. */
  async post(fields: Record<string, unknown>, expectStatus = 200): Promise<HttpReply[]> {
    const { replies, response } = await this.exchange(fields);
    if (response.status !== expectStatus) throw new Error(`bot answered HTTP ${response.status}: ${response.text}`);
    return replies;
  }

  /** Every card as it stands in this chat now (the newest version of each activity that carries one), in the order they were first sent. */
  screen(): ShownCard[] {
    const latest = new Map<string, unknown>();
    for (const reply of this.seen) {
      const id = reply.call.responseId;
      if (id === undefined || reply.card === undefined || reply.call.conversationId !== this.conversation.id) continue;
      latest.set(id, reply.card);
    }
    return [...latest].map(([activityId, card]) => ({ activityId, card }));
  }

  /** The cards in the chat that still have buttons for the bot (Action.Execute or Action.Submit). */
  liveCards(): ShownCard[] {
    return this.screen().filter((c) => botButtons(c.card).length > 0);
  }

  private async exchange(fields: Record<string, unknown>): Promise<{ replies: HttpReply[]; response: { status: number; text: string } }> {
    this.counter += 1;
    const before = this.connector.calls.length;
    const response = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers },
      body: JSON.stringify(this.activity(fields)),
    });
    const text = await response.text();
    const replies = this.connector.calls.slice(before).map((call) => {
      const card = cardOf(call.body as { attachments?: Array<{ contentType?: string; content?: unknown }> });
      return { call, card, text: card === undefined ? String(call.body.text ?? '') : cardText(card) };
    });
    this.seen.push(...replies);
    return { replies, response: { status: response.status, text } };
  }

  activity(fields: Record<string, unknown>): Record<string, unknown> {
    return {
      type: 'message',
      // Unique across desks: two desks in one conversation must never send the same id (the bot would take it for Teams re-sending).
      id: `http-${this.counter}-${randomUUID()}`,
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      from: this.from,
      recipient: { id: 'bot-1', name: 'Baliewijzer' },
      conversation: this.conversation,
      channelData: { tenant: { id: '00000000-0000-0000-0000-0000000000aa' } },
      ...fields,
    };
  }
}

export const textOf = (replies: readonly HttpReply[]): string => replies.map((r) => r.text).join('\n---\n');
