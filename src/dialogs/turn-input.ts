import { submitSchema, type Submit } from '../cards/submit-schema.js';

/** Typed commands, Dutch and English, case-insensitive. */
export type Command = 'help' | 'menu' | 'back' | 'restart' | 'stop' | 'summaries-here' | 'statistics';

const COMMAND_WORDS: Readonly<Record<string, Command>> = {
  help: 'help',
  hulp: 'help',
  '?': 'help',
  menu: 'menu',
  start: 'menu',
  begin: 'menu',
  terug: 'back',
  vorige: 'back',
  back: 'back',
  opnieuw: 'restart',
  restart: 'restart',
  stop: 'stop',
  stoppen: 'stop',
  cancel: 'stop',
  annuleer: 'stop',
  annuleren: 'stop',
  'samenvattingen hier': 'summaries-here',
  'summaries here': 'summaries-here',
  statistieken: 'statistics',
  statistiek: 'statistics',
  statistics: 'statistics',
};

/** The longest text we look at; a longer message is cut before matching (it is never stored). */
export const MAX_TEXT_LENGTH = 500;

/** What the staff member did this turn, parsed from the activity's text or card value. */
export type TurnInput =
  | { readonly kind: 'submit'; readonly submit: Submit }
  | { readonly kind: 'command'; readonly command: Command }
  | { readonly kind: 'text'; readonly text: string }
  /** A card value we did not make (or an outdated card format). */
  | { readonly kind: 'invalid-submit' }
  | { readonly kind: 'empty' };

/** Parses a message's text (mentions already removed) and `value` into one typed input. */
export function readTurnInput(text: string | undefined, value: unknown): TurnInput {
  if (value !== undefined && value !== null) {
    const parsed = submitSchema.safeParse(value);
    return parsed.success ? { kind: 'submit', submit: parsed.data } : { kind: 'invalid-submit' };
  }
  const trimmed = (text ?? '').trim().slice(0, MAX_TEXT_LENGTH);
  if (trimmed === '') return { kind: 'empty' };
  const word = trimmed.toLowerCase().replace(/^\//, '').replace(/\s+/g, ' ').replace(/(?<=.)[.!?]+$/, '');
  const command = COMMAND_WORDS[word];
  return command ? { kind: 'command', command } : { kind: 'text', text: trimmed };
}
