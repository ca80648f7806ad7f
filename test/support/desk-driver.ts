import { ActivityTypes, TestAdapter, TurnContext, type Activity, type ConversationParameters, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';
import { buildBot, type BotConfig, type BuiltBot } from '../../src/app.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import type { Store } from '../../src/storage/store.js';
import { botButtons, cardOf, cardText } from './card-text.js';
import { silentLogger } from './logs.js';

/** Something the bot did in Teams outside a reply to the staff member's turn (a channel post, a card update, a personal chat). */
export interface ProactiveCall {
  readonly kind: 'send' | 'update';
  readonly conversationId: string;
  readonly activity: Partial<Activity>;
  /** The id Teams gave a sent message (what a click on it names as replyToId). */
  readonly id: string;
}

const PROACTIVE = Symbol('desk-driver.proactive');
let drivers = 0;

/**
 * TestAdapter that also records card updates (the clicked card shown as answered) and what the
 * bot does proactively: a new channel thread or personal chat (createConversation, named as
 * Teams names them) and turns in other conversations (continueConversation).
 */
class RecordingAdapter extends TestAdapter {
  readonly updates: Array<Partial<Activity>> = [];
  readonly proactive: ProactiveCall[] = [];
  private created = 0;

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | undefined> {
    if (context.turnState.get(PROACTIVE)) {
      this.proactive.push({ kind: 'update', conversationId: context.activity.conversation?.id ?? '', activity, id: activity.id ?? '' });
      return activity.id === undefined ? undefined : { id: activity.id };
    }
    this.updates.push(activity);
    await super.updateActivity(context, activity);
    return activity.id === undefined ? undefined : { id: activity.id };
  }

  override async sendActivities(context: TurnContext, activities: Array<Partial<Activity>>): Promise<ResourceResponse[]> {
    if (!context.turnState.get(PROACTIVE)) return super.sendActivities(context, activities);
    return activities.map((activity) => {
      const id = `proactive-${++this.created}`;
      this.proactive.push({ kind: 'send', conversationId: context.activity.conversation?.id ?? '', activity, id });
      return { id };
    });
  }

  override async createConversationAsync(_appId: string, channelId: string, serviceUrl: string, _audience: string, parameters: ConversationParameters, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const id = `${++this.created}`;
    const channel: unknown = parameters.channelData?.channel?.id;
    const conversationId = typeof channel === 'string' ? `${channel};messageid=${id}` : `a:personal-${parameters.members?.[0]?.id ?? ''}`;
    if (parameters.activity) this.proactive.push({ kind: 'send', conversationId, activity: parameters.activity, id });
    const context = new TurnContext(this, { type: 'event', name: 'CreateConversation', id: conversationId, channelId, serviceUrl, conversation: { id: conversationId, isGroup: parameters.isGroup, conversationType: '', name: '' }, recipient: parameters.bot });
    context.turnState.set(PROACTIVE, true);
    await logic(context);
  }

  override async continueConversationAsync(
    _appIdOrClaims: string | ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logicOrAudience: ((context: TurnContext) => Promise<void>) | string,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new Error('continueConversationAsync without logic');
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'ContinueConversation', id: `continue-${++this.created}` }, reference, true);
    const context = new TurnContext(this, activity);
    context.turnState.set(PROACTIVE, true);
    await logic(context);
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
  private readonly driver = ++drivers;

  constructor(
    options: { flowsDir?: string; store?: Store; conversationType?: string; conversationId?: string; now?: () => Date; staff?: { id: string; name: string }; config?: Partial<BotConfig> } = {},
  ) {
    this.adapter = new RecordingAdapter((context) => this.built.bot.run(context), {
      channelId: 'msteams',
      serviceUrl: 'https://smba.example/teams/',
      conversation: { id: options.conversationId ?? 'conv-1', conversationType: options.conversationType ?? 'personal', isGroup: options.conversationType === 'channel', name: '' },
      from: options.staff ?? { id: 'staff-1', name: 'Balie Medewerker' },
      recipient: { id: 'bot-1', name: 'Baliewijzer' },
    });
    // This driver clicks at machine speed, dozens of replies a second; pacing them to Teams' limits
    // would only make the dialog tests wait. The pacing itself is tested in test/http and over HTTP.
    this.built = buildBot({ FLOWS_DIR: options.flowsDir ?? 'flows', CARDS_DIR: 'cards', PACE_OUTGOING: 'off', ...options.config }, silentLogger(), this.adapter, {
      store: options.store ?? new MemoryStore(),
      now: options.now,
    });
  }

  /** The bot's parts, for tests that look behind the chat (storage, outbox). */
  readonly built: BuiltBot;

  get updates(): ReadonlyArray<Partial<Activity>> {
    return this.adapter.updates;
  }

  /** What the bot did in Teams beyond replying to this staff member (channel posts, card updates, personal chats), in order. */
  get proactive(): readonly ProactiveCall[] {
    return this.adapter.proactive;
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
    // Activity ids are unique across drivers, as Teams' are: colleagues in one channel thread are drivers of their own.
    await this.adapter.processActivity({ id: `in-${this.driver}-${this.counter}`, ...activity });
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
