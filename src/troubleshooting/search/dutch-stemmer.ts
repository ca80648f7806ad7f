import { memoise } from './memoise.js';

/** A Snowball stemmer for one word, as the search libraries ship it (e.g. `@orama/stemmers/dutch`). */
export type StemFunction = (word: string) => string;

/**
 * Dutch stems for the search. The Snowball stemmer does the work; on top, a final double consonant
 * is made single ("inloggen" → "inlogg" → "inlog"), so the stem of the infinitive meets the stem
 * and the parts of the other forms ("inlog", "logt in").
 */
export class DutchStemmer {
  /** A word's stem; kept for words seen before (the flows' words and what staff type repeat), bounded. */
  readonly stem: (word: string) => string;

  constructor(snowball: StemFunction) {
    this.stem = memoise((word) => {
      if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
      const snowballStem = snowball(word);
      return /([b-df-hj-np-tv-z])\1$/.test(snowballStem) ? snowballStem.slice(0, -1) : snowballStem;
    }, STEM_CACHE_SIZE);
  }
}

const STEM_CACHE_SIZE = 20_000;

/** Separable verb particles: "logt ... in" is a form of "inloggen". */
const PARTICLES = new Set(['in', 'uit', 'aan', 'af', 'op', 'mee', 'terug']);
export const isParticle = (word: string): boolean => PARTICLES.has(word);

/**
 * Forms Snowball leaves as they are, tried only for a word whose stem the index does not know:
 * the verb ending -t ("leent" → "leen", "logt" → "log") and the participle ge…d/t
 * ("gekoppeld" → "koppel", "gegrijsd" → "grijs").
 */
export function verbFormCandidates(word: string): string[] {
  const out: string[] = [];
  const participle = /^ge([a-z]{3,})[dt]$/.exec(word);
  if (participle?.[1]) out.push(participle[1]);
  if (word.length >= 4 && word.endsWith('t')) out.push(word.slice(0, -1));
  return out;
}
