import { TestAdapter, type Activity } from 'botbuilder';
import type { BuiltBot } from '../src/app.js';
import { CONVERSATION_PREFIX } from '../src/turn/conversation-state.js';
import { submitButtons, type SubmitButton } from './card-buttons.js';
import type { FlowPath } from './flow-paths.js';

export type CardButton = SubmitButton & { readonly cardId?: string };

/**
 * The bot driven in-process (botbuilder's TestAdapter, no HTTP), as the memory and state probes
 * need it: turns in any number of conversations, clicks on the buttons of the cards it sent.
 */
export class InProcessDesk {
  private readonly adapter = new TestAdapter();
  turns = 0;
  /** Text the bot sent without a card in the last turn (an apology, a notice), for error messages. */
  private lastText: string | undefined;

  constructor(private readonly app: Pick<BuiltBot, 'bot' | 'store'>) {}

  /** Runs one turn and returns the buttons of the cards the bot sent (the last card's first). */
  async turn(conversationId: string, fields: Partial<Activity>): Promise<CardButton[]> {
    await this.adapter.processActivity(activityIn(conversationId, fields), (context) => this.app.bot.run(context));
    this.turns += 1;
    // Turns of several conversations run at once and share the adapter's queue: take only this one's.
    const queued = this.adapter.activeQueue.splice(0);
    const sent = queued.filter((activity) => activity.conversation?.id === conversationId);
    this.adapter.activeQueue.push(...queued.filter((activity) => activity.conversation?.id !== conversationId));
    this.lastText = sent.map((a) => a.text).filter((t): t is string => typeof t === 'string' && t !== '').join(' / ') || undefined;
    return sent.reverse().flatMap((activity) => submitButtons(activity).map((b) => ({ ...b, cardId: activity.id })));
  }

  async click(conversationId: string, buttons: readonly CardButton[], wanted: (b: SubmitButton) => boolean, what: string) {
    const button = buttons.find(wanted);
    if (!button) throw new Error(`${conversationId}: no ${what} among ${buttons.map((b) => b.title).join(', ') || 'no buttons'}${this.lastText ? ` (the bot said: ${this.lastText})` : ''}`);
    return { button, next: await this.turn(conversationId, { value: button.data, replyToId: button.cardId }) };
  }

  /** Clicks the flow on the menu, then `clicks` answers of the path; returns the case id. */
  async walk(conversationId: string, menu: readonly SubmitButton[], path: FlowPath, clicks: number, onTurn?: () => Promise<void>): Promise<string | undefined> {
    let { next, button } = await this.click(conversationId, menu, (b) => b.data.action === 'start' && b.title === path.flowTitle, `flow ${path.flowTitle} on the menu`);
    await onTurn?.();
    let caseId = typeof button.data.caseId === 'string' ? button.data.caseId : undefined;
    for (const step of path.clicks.slice(0, clicks)) {
      ({ next, button } = await this.click(conversationId, next, (b) => b.data.action === 'answer' && b.title === step.label, `answer ${step.label}`));
      if (typeof button.data.caseId === 'string') caseId = button.data.caseId;
      await onTurn?.();
    }
    return caseId;
  }

  /** Bytes of the conversation's stored state document, as JSON. */
  async storedBytes(conversationId: string): Promise<number> {
    return jsonBytes((await this.app.store.read(`${CONVERSATION_PREFIX}msteams/${conversationId}`))?.value);
  }
}

export const jsonBytes = (value: unknown): number => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));

export function activityIn(conversationId: string, fields: Partial<Activity>): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `${conversationId}-user`, name: 'Balie Medewerker' },
    recipient: { id: 'bot-1', name: 'Baliewijzer' },
    conversation: { id: conversationId, conversationType: 'personal', isGroup: false, name: '' },
    locale: 'nl-NL',
    ...fields,
  };
}
