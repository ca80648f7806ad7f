import { submitButtons } from './card-buttons.js';
import type { Intent } from './case-script.js';
import type { Reply } from './load-connector.js';

/** The parts of a message activity that say what the staff member did. */
export interface TurnFields {
  readonly text?: string;
  readonly value?: Record<string, unknown>;
  readonly replyToId?: string;
}

/** Turns an intent into activity fields, given what the bot sent in the previous turn. */
export type ClickResolver = (intent: Intent, previous: readonly Reply[]) => TurnFields;

export class ButtonNotFoundError extends Error {
  override readonly name = 'ButtonNotFoundError';
}

/** Clicks a real button: finds it on the newest card of the previous turn that has it. */
export const clickOnCards: ClickResolver = (intent, previous) => {
  if (intent.kind === 'say') return { text: intent.text };
  for (let i = previous.length - 1; i >= 0; i--) {
    const reply = previous[i];
    if (reply?.method !== 'POST') continue;
    const button = submitButtons(reply.activity).find(intent.button.matches);
    if (button) return { value: button.data, replyToId: reply.id };
  }
  throw new ButtonNotFoundError(`no ${intent.button.description} on the cards of the previous turn`);
};

/** For a bot that sends no cards (the echo baseline): the same click, its value made up, replying to the last message. */
export const clickByReplay: ClickResolver = (intent, previous) => {
  if (intent.kind === 'say') return { text: intent.text };
  const lastPost = previous.findLast((r) => r.method === 'POST');
  return { value: intent.button.value, replyToId: lastPost?.id };
};
