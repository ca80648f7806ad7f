import { ActivityTypes, TestAdapter, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { buildBot, type BuiltBot } from '../../src/app.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import type { Store } from '../../src/storage/store.js';
import { botButtons, cardOf, cardText } from './card-text.js';
import { silentLogger } from './logs.js';

/** TestAdapter that also records card updates (the clicked card shown as answered). */
class RecordingAdapter extends TestAdapter {
  readonly updates: Array<Partial<Activity>> = [];
  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | undefined> {
    this.updates.push(activity);
    await super.updateActivity(context, activity);
    return activity.id === undefined ? undefined : { id: activity.id };
  }
}

export interface Reply {
  readonly activity: Partial<Activity>;
  /** Visible text: the message text or the card's text and button titles. */
  readonly text: string;
  readonly card?: unknown;
}

/**
 * Drives the real bot (real dialogs, cards and flows) in memory as a staff member would: type a
 * message, click a button by its title on the newest card that has it.
 */
export class DeskDriver {
  readonly transcript: Reply[] = [];
  private readonly adapter: RecordingAdapter;
  private counter = 0;

  constructor(options: { flowsDir?: string; store?: Store; conversationType?: string; conversationId?: string; now?: () => Date } = {}) {
    this.adapter = new RecordingAdapter((context) => this.built.bot.run(context), {
      channelId: 'msteams',
      conversation: { id: options.conversationId ?? 'conv-1', conversationType: options.conversationType ?? 'personal', isGroup: options.conversationType === 'channel', name: '' },
      from: { id: 'staff-1', name: 'Balie Medewerker' },
      recipient: { id: 'bot-1', name: 'Baliewijzer' },
    });
    // This driver clicks at machine speed, dozens of replies a second; pacing them to Teams' limits
    // would only make the dialog tests wait. The pacing itself is tested in test/http and over HTTP.
    this.built = buildBot({ FLOWS_DIR: options.flowsDir ?? 'flows', CARDS_DIR: 'cards', PACE_OUTGOING: 'off' }, silentLogger(), this.adapter, {
      store: options.store ?? new MemoryStore(),
      now: options.now,
    });
  }

  /** The bot's parts, for tests that look behind the chat (storage, outbox). */
  readonly built: BuiltBot;

  get updates(): ReadonlyArray<Partial<Activity>> {
    return this.adapter.updates;
  }

  async say(text: string): Promise<Reply[]> {
    return this.send({ type: ActivityTypes.Message, text });
  }

  /**
   * Clicks the button titled `title` on the newest card that has one, as a client without
   * Universal Actions does (its Action.Submit fallback: a message with the data as value);
   * `inputs` as Teams merges them. Action.Execute invokes are driven over HTTP (HttpDesk).
   */
  async click(title: string, inputs: Record<string, string> = {}): Promise<Reply[]> {
    const source = [...this.transcript].reverse().find((r) => r.card !== undefined && botButtons(r.card).some((b) => b.title === title));
    if (!source?.card) {
      const last = [...this.transcript].reverse().find((r) => r.card !== undefined);
      throw new Error(`No button "${title}" on any card. Newest card:\n${last?.text ?? '(none)'}`);
    }
    const button = botButtons(source.card).find((b) => b.title === title);
    const submit = button?.type === 'Action.Submit' ? button : button?.fallback;
    const data = typeof submit?.data === 'object' && submit.data !== null ? submit.data : {};
    return this.send({ type: ActivityTypes.Message, value: { ...data, ...inputs }, replyToId: source.activity.id });
  }

  /** Sends a card click with arbitrary data, as a stale or forged card would. */
  async submit(value: unknown, replyToId?: string): Promise<Reply[]> {
    return this.send({ type: ActivityTypes.Message, value, replyToId });
  }

  async send(activity: Partial<Activity>): Promise<Reply[]> {
    this.counter += 1;
    await this.adapter.processActivity({ id: `in-${this.counter}`, ...activity });
    const replies: Reply[] = [];
    for (let next = this.adapter.activeQueue.shift(); next !== undefined; next = this.adapter.activeQueue.shift()) {
      const card = cardOf(next);
      replies.push({ activity: next, card, text: card === undefined ? (next.text ?? '') : cardText(card) });
    }
    this.transcript.push(...replies);
    return replies;
  }
}

/** All visible text of a turn's replies. */
export const textOf = (replies: readonly Reply[]): string => replies.map((r) => r.text).join('\n---\n');
