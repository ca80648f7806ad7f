import { commandSchema, type Command, type Messages } from '../cards/messages.js';
import { isHandoverSubmit, submitSchema, type Submit } from '../cards/submit-schema.js';

export type { Command } from '../cards/messages.js';

/** The longest text we look at; a longer message is cut before matching (it is never stored). */
export const MAX_TEXT_LENGTH = 500;

/** What the staff member did this turn, parsed once from the activity's text or card value. */
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

/**
 * The identity of a card click, for recognising a double click: the card it came from and what
 * the button carries (in schema order, so the same button always gives the same text). Share
 * clicks have none: the outbox already makes them idempotent per case, and "Opnieuw delen"
 * legitimately repeats the click of the same card. Nor have the buttons of a handed-over case: in
 * a channel several colleagues click the same card, and each is answered by the case's own state.
 */
export function clickIdentity(input: TurnInput, replyToId: string | undefined): string | undefined {
  if (input.kind !== 'submit' || input.submit.action === 'share' || isHandoverSubmit(input.submit)) return undefined;
  return `${replyToId ?? ''}|${JSON.stringify(input.submit)}`;
}
