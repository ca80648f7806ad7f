import { z } from 'zod';
import { commandSchema, type Command, type Messages } from '../cards/messages.js';
import { isHandoverSubmit, submitSchema, type Submit } from '../cards/submit-schema.js';

export type { Command } from '../cards/messages.js';

/** The longest text we look at; a longer message is cut before matching (it is never stored). */
export const MAX_TEXT_LENGTH = 500;

/**
 * What the staff member did this turn, parsed once from the activity: its text, or a card click,
 * which arrives as a message's `value` (Action.Submit, on clients without Universal Actions) or
 * as an `adaptiveCard/action` invoke (Action.Execute) and is the same input either way.
 */
export type TurnInput =
  | { readonly kind: 'submit'; readonly submit: Submit }
  | { readonly kind: 'command'; readonly command: Command }
  | { readonly kind: 'text'; readonly text: string }
  /** A card value we did not make (or an outdated card format). */
  | { readonly kind: 'invalid-submit' }
  | { readonly kind: 'empty' };

/** Typed words to commands (lower case), from messages.json. */
export type CommandWords = ReadonlyMap<string, Command>;

export function commandWords(messages: Messages): CommandWords {
  const words = new Map<string, Command>();
  for (const command of commandSchema.options) for (const word of messages.commands[command]) words.set(word.toLowerCase(), command);
  return words;
}

/** Parses a message's text (mentions already removed) and `value` into one typed input. */
export function readTurnInput(text: string | undefined, value: unknown, commands: CommandWords): TurnInput {
  if (value !== undefined && value !== null) {
    const parsed = submitSchema.safeParse(value);
    return parsed.success ? { kind: 'submit', submit: parsed.data } : { kind: 'invalid-submit' };
  }
  const trimmed = (text ?? '').trim().slice(0, MAX_TEXT_LENGTH);
  if (trimmed === '') return { kind: 'empty' };
  const word = trimmed.toLowerCase().replace(/^\//, '').replace(/\s+/g, ' ').replace(/(?<=.)[.!?]+$/, '');
  const command = commands.get(word);
  return command ? { kind: 'command', command } : { kind: 'text', text: trimmed };
}

/** The `value` of an `adaptiveCard/action` invoke: the Action.Execute that was clicked (or the card's refresh). */
const cardActionSchema = z.looseObject({
  action: z.looseObject({ type: z.literal('Action.Execute'), verb: z.string().max(100), data: z.unknown() }),
});

/**
 * Parses an Action.Execute click into the same input as its Action.Submit fallback: the data
 * (with the card's input values merged in, as Teams does) is our submit data, and the verb must
 * be the action it names; anything else is a card value we did not make.
 */
export function readCardAction(value: unknown): TurnInput {
  const action = cardActionSchema.safeParse(value);
  if (!action.success) return { kind: 'invalid-submit' };
  const submit = submitSchema.safeParse(action.data.action.data);
  return submit.success && submit.data.action === action.data.action.verb ? { kind: 'submit', submit: submit.data } : { kind: 'invalid-submit' };
}

/**
 * The identity of a card click, for recognising a double click: the card it came from and what
 * the button carries (in schema order, so the same button always gives the same text). Share
 * clicks have none: the outbox already makes them idempotent per case, and "Opnieuw delen"
 * legitimately repeats the click of the same card. Nor have the buttons of a handed-over case: in
 * a channel several colleagues click the same card, and each is answered by the case's own state.
 */
export function clickIdentity(input: TurnInput, replyToId: string | undefined): string | undefined {
  // A refresh is Teams asking how a card should look, not a click.
  if (input.kind !== 'submit' || input.submit.action === 'share' || input.submit.action === 'refresh' || isHandoverSubmit(input.submit)) return undefined;
  return `${replyToId ?? ''}|${JSON.stringify(input.submit)}`;
}
