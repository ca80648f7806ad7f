/**
 * Typed Dutch text as words, the same way for flow content, synonyms and what staff type: lower
 * case, no accents, "stroomschema's" = "stroomschemas", and the spellings of one word joined
 * ("e-mail" = "email" = "e mail", "e-book" = "ebook"). A hyphenated compound also yields its
 * parts and its joined form, so "herstel-e-mailadres", "herstel e-mailadres" and
 * "herstelemailadres" share words.
 */

/**
 * Typed text is cut to this many characters before anything else, so the cost of one search is
 * bounded by construction; a problem typed at the desk is one or two sentences.
 */
export const MAX_TYPED_CHARS = 300;

/** One word of typed text and whether it was written on its own (not a part of a hyphenated compound). */
export interface Word {
  readonly text: string;
  /** Parts and joined forms of a compound are extras: phrases match on the words as written. */
  readonly extra: boolean;
}

/** Lower case, accents gone, apostrophes inside words dropped; anything else is kept for splitting. */
export function fold(text: string): string {
  const cut = text.slice(0, MAX_TYPED_CHARS);
  // Plain ASCII has no accents to take off (most flow text): the Unicode passes are skipped.
  const plain = NON_ASCII.test(cut) ? cut.normalize('NFKD').replace(/\p{M}/gu, '') : cut;
  return plain.toLowerCase().replace(/(?<=[a-z0-9])['’‘`´](?=[a-z])/g, '');
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Letters and digits only: how an error code is recognised inside a sentence ("logout_detected" = "LOGOUT DETECTED"). */
export function compact(text: string): string {
  return fold(text).replace(/[^a-z0-9]+/g, '');
}

const HYPHENS = /[-‐‑–]+/;
/** A single letter that is written as a prefix of the next word: e-mail, e mail, e-book. */
const PREFIX_LETTERS = new Set(['e']);

/** The words of a text, in order, with compound parts and joined forms marked as extras. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  let pendingPrefix = '';
  for (const chunk of fold(text).split(/[^a-z0-9\-‐‑–]+/)) {
    const segments = chunk.split(HYPHENS).filter((s) => s !== '');
    if (segments.length === 0) continue;
    // "e-mail", "e mail": a prefix letter joins the segment after it, also across a space.
    const joined: string[] = [];
    for (const segment of segments) {
      if (pendingPrefix !== '') {
        joined.push(pendingPrefix + segment);
        pendingPrefix = '';
      } else if (PREFIX_LETTERS.has(segment)) {
        pendingPrefix = segment;
      } else {
        joined.push(segment);
      }
    }
    if (joined.length === 0) continue;
    if (joined.length === 1) {
      out.push({ text: joined.join(''), extra: false });
      continue;
    }
    for (const part of joined) out.push({ text: part, extra: false });
    out.push({ text: joined.join(''), extra: true });
  }
  if (pendingPrefix !== '') out.push({ text: pendingPrefix, extra: false });
  return out;
}

/**
 * A phrase as a comparable key: two phrases with the same key are the same phrase to the search
 * ("Herstel-e-mailadres" = "herstel e-mailadres"). Used to find a phrase in two places.
 */
export function phraseKey(text: string): string {
  return words(text)
    .filter((w) => !w.extra)
    .map((w) => w.text)
    .join(' ');
}
