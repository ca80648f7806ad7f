/**
 * Staff notes are free text and end up in a team channel; customer data must not. E-mail
 * addresses, long digit strings (pasnummers, phone numbers, usernames that are card numbers) and
 * names after "mevrouw", "meneer", "dhr.", "mw." are masked before a note is stored in the
 * outbox or posted, and before a typed phrase the bot did not recognise is kept.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Five or more digits, optionally grouped by spaces, dots or dashes (06-12345678, 2000 1234 5678). */
const DIGITS = /\d(?:[\s.-]?\d){4,}/g;

/** How staff write a customer's title; a name follows it. */
const TITLE = String.raw`(?:[Mm]evrouw|[Mm]evr\.?|[Mm]eneer|[Mm]ijnheer|[Dd]hr\.?|[Dd]e heer|[Mm]w\.?|[Mm]r\.?)`;
/** Lower-case words that start a Dutch surname ("van der Berg", "de Vries"). */
const PARTICLE = String.raw`(?:van|de|der|den|ter|ten|te|het|in|op|vd)`;
const WORD = String.raw`\p{L}[\p{L}'’-]*`;
/** A title, then its name: particles, a word, and more capitalised words (with their particles). */
const NAME_AFTER_TITLE = new RegExp(String.raw`(?<![\p{L}])(${TITLE})(\s+)((?:${PARTICLE}\s+)*)(${WORD})((?:\s+(?:${PARTICLE}\s+)*\p{Lu}[\p{L}'’-]*)*)`, 'gu');
/**
 * Words that often follow "meneer" or "mevrouw" in a sentence and are no name ("meneer kan niet
 * inloggen"). A lower-case word after a title is masked unless it is one of these; a capitalised
 * one always is.
 */
const NOT_A_NAME = new Set([
  'kan', 'kon', 'is', 'was', 'heeft', 'had', 'wil', 'wilde', 'krijgt', 'kreeg', 'weet', 'wist', 'komt', 'kwam', 'zegt', 'zei', 'belt', 'belde', 'wordt', 'werd',
  'moet', 'zou', 'zal', 'mag', 'gaat', 'ging', 'staat', 'stond', 'probeert', 'vraagt', 'vroeg', 'ziet', 'zag', 'logt', 'leent', 'gebruikt', 'heb', 'ben',
  'die', 'dat', 'met', 'en', 'of', 'niet', 'geen', 'ook', 'nog', 'al', 'zelf', 'zijn', 'haar', 'hier', 'daar', 'aan', 'bij', 'voor', 'uit', 'wel', 'nu',
  'klant', 'collega', 'vrijwilliger', 'lid', 'meldt',
]);

function maskName(whole: string, title: string, space: string, particles: string, word: string, masked: string): string {
  const lowerCase = word === word.toLowerCase();
  if (particles === '' && lowerCase && NOT_A_NAME.has(word)) return whole;
  return `${title}${space}${masked}`;
}

/** Longest note kept, after masking. */
export const MAX_NOTE_LENGTH = 500;

/** What masked parts are replaced with (messages.json: maskedEmail, maskedNumber, maskedName). */
export interface MaskWords {
  readonly maskedEmail: string;
  readonly maskedNumber: string;
  readonly maskedName: string;
}

/**
 * Masks, then cuts to {@link MAX_NOTE_LENGTH}: masking can make a note longer ("[nummer
 * verwijderd]" for a 5-digit number), so cutting first could leave a note too long to store.
 */
export function maskNote(note: string, words: MaskWords): string {
  return note
    .replace(EMAIL, words.maskedEmail)
    .replace(DIGITS, words.maskedNumber)
    .replace(NAME_AFTER_TITLE, (whole: string, title: string, space: string, particles: string, word: string) => maskName(whole, title, space, particles, word, words.maskedName))
    .trim()
    .slice(0, MAX_NOTE_LENGTH)
    .trim();
}
