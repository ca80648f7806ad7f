import { cardAsText, formatCard, type CardAction, type TextCard } from './card-as-text.js';
import type { ConnectorEvent } from './local-connector.js';

/** Everything the terminal chat does to the outside world, so it can run against a test's streams. */
export interface ChatIo {
  /** The bot's current `/api/messages` address (it changes nothing across a restart, but is read each time). */
  readonly endpoint: () => string;
  readonly serviceUrl: string;
  readonly print: (text: string) => void;
  /** Asks one question and resolves with the typed answer (for card inputs such as the note). */
  readonly ask: (question: string) => Promise<string>;
  readonly restart: () => Promise<void>;
  readonly quit: () => void;
}

const CONVERSATION = { id: 'terminal-chat', conversationType: 'personal' };
const FROM = { id: 'developer', name: 'Ontwikkelaar', aadObjectId: '00000000-0000-0000-0000-00000000de01' };
const RECIPIENT = { id: 'baliewijzer', name: 'Baliewijzer' };
const TENANT = { tenant: { id: '00000000-0000-0000-0000-0000000000aa' } };
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

export const CHAT_HELP = `Typ een probleem ("klant kan niet inloggen") of een opdracht (menu, terug, stop, help).
Typ het nummer van een knop om erop te klikken. Verder:
  /restart  start de bot opnieuw (de casus blijft bewaard)
  /quit     stoppen (of Ctrl-C)`;

/**
 * A chat with the bot in a terminal: what the bot sends arrives through the local connector and
 * is printed (cards as text with numbered buttons); what the developer types is posted to the bot
 * as Teams would: text as a message, a number as a click on that button of the latest card.
 */
export class TerminalChat {
  private counter = 0;
  private latest: { readonly activityId: string; readonly card: TextCard } | undefined;
  /** The card each message shows now, to print an update only when it changes something. */
  private readonly shown = new Map<string, string>();

  constructor(private readonly io: ChatIo) {}

  /** Shows what the bot sent. */
  onEvent(event: ConnectorEvent): void {
    const card = cardOf(event.activity);
    const who = event.kind === 'create' ? '[teamkanaal] Baliewijzer' : event.kind === 'update' ? '↻ kaart bijgewerkt' : 'Baliewijzer';
    if (card) {
      // The answer to a click is often the update the bot already sent for everyone: shown once.
      const json = JSON.stringify(card);
      if (event.kind === 'update' && this.shown.get(event.activityId) === json) return;
      this.shown.set(event.activityId, json);
      const text = cardAsText(card);
      this.io.print(`\n${who}:\n${indent(formatCard(text))}`);
      if (event.kind !== 'create' && text.actions.length > 0) this.latest = { activityId: event.activityId, card: text };
      else if (event.kind === 'update' && this.latest?.activityId === event.activityId) this.latest = undefined;
    } else if (typeof event.activity.text === 'string') {
      this.io.print(`\n${who}: ${event.activity.text}`);
    }
  }

  /** The first contact, as Teams sends it when the bot is added to a personal chat: the welcome card. */
  async greet(): Promise<void> {
    await this.post({ type: 'conversationUpdate', membersAdded: [RECIPIENT] });
  }

  /** Handles one typed line. */
  async handle(line: string): Promise<void> {
    const typed = line.trim();
    if (typed === '') return;
    if (typed === '/help') return this.io.print(CHAT_HELP);
    if (typed === '/quit' || typed === '/exit') return this.io.quit();
    if (typed === '/restart') return this.io.restart();
    const number = /^\d+$/.test(typed) ? Number(typed) : undefined;
    if (number !== undefined && this.latest) {
      const action = this.latest.card.actions[number - 1];
      if (!action) return this.io.print(`Er is geen knop ${number} op de laatste kaart (1-${this.latest.card.actions.length}).`);
      return this.click(action);
    }
    await this.post({ type: 'message', text: typed });
  }

  private async click(action: CardAction): Promise<void> {
    const latest = this.latest;
    if (!latest) return;
    const inputs: Record<string, string> = {};
    for (const input of latest.card.inputs) {
      const choices = input.choices.map((c, i) => `${i + 1}) ${c.title}`).join('  ');
      const answer = (await this.io.ask(`${input.label}${choices ? ` [${choices}]` : ''} (Enter = leeg): `)).trim();
      const chosen = /^\d+$/.test(answer) ? input.choices[Number(answer) - 1]?.value : undefined;
      if (answer !== '') inputs[input.id] = chosen ?? answer;
    }
    this.io.print(`(klik: ${action.title})`);
    const data = { ...(isRecord(action.data) ? action.data : {}), ...inputs };
    if (action.kind === 'submit') {
      await this.post({ type: 'message', value: data, replyToId: latest.activityId });
      return;
    }
    const answer = await this.post({ type: 'invoke', name: 'adaptiveCard/action', replyToId: latest.activityId, value: { action: { type: 'Action.Execute', verb: action.verb, data }, trigger: 'manual' } });
    // Universal Actions answer in the HTTP response: a card that replaces the clicked one, or a short text.
    const body = isRecord(answer) ? answer : {};
    if (body.type === CARD_TYPE) this.onEvent({ kind: 'update', conversationId: CONVERSATION.id, activityId: latest.activityId, activity: { attachments: [{ contentType: CARD_TYPE, content: body.value }] } });
    else if (typeof body.value === 'string') this.io.print(`\nBaliewijzer: ${body.value}`);
  }

  /** Posts one activity to the bot; resolves with the HTTP response body (invokes answer there). */
  private async post(fields: Record<string, unknown>): Promise<unknown> {
    this.counter += 1;
    const activity = {
      id: `terminal-${Date.now()}-${this.counter}`,
      channelId: 'msteams',
      serviceUrl: this.io.serviceUrl,
      timestamp: new Date().toISOString(),
      from: FROM,
      recipient: RECIPIENT,
      conversation: CONVERSATION,
      channelData: TENANT,
      ...fields,
    };
    try {
      const response = await fetch(this.io.endpoint(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await response.text();
      if (!response.ok) this.io.print(`(de bot antwoordde HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''})`);
      return text === '' ? undefined : safeJson(text);
    } catch (error) {
      this.io.print(`(de bot is niet bereikbaar: ${error instanceof Error ? error.message : String(error)}; /restart start hem opnieuw)`);
      return undefined;
    }
  }
}

function cardOf(activity: Record<string, unknown>): unknown {
  const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
  const card: unknown = attachments.find((a): a is Record<string, unknown> => isRecord(a) && a.contentType === CARD_TYPE);
  return isRecord(card) ? card.content : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const indent = (text: string): string => text.split('\n').map((l) => `  ${l}`).join('\n');

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
