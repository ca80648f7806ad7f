import { DutchStemmer, isParticle, verbFormCandidates, type StemFunction } from './dutch-stemmer.js';
import { phraseKey, words, type Word } from './dutch-text.js';
import type { SearchContent } from './search-content.js';
import { SynonymMatcher } from './synonym-matcher.js';

/** At most this many words of typed text are searched: with MAX_TYPED_CHARS, a bound on the work per search. */
export const MAX_QUERY_WORDS = 40;

/** Longer words are not tried as compounds of two known words (Dutch compounds at the desk are shorter). */
const MAX_COMPOUND_LETTERS = 30;

/** Typed text as the search and the button matcher use it. */
export interface AnalysedQuery {
  /** Distinct search terms: stems, compound parts, and the synonym groups mentioned. */
  readonly terms: readonly string[];
  /** A negation ("niet", "geen") was typed. */
  readonly negative: boolean;
}

/** Which small-talk lists a text's words come from, and the words left over. */
export interface SmallTalk {
  readonly greeting: boolean;
  readonly thanks: boolean;
  /** The text without its greetings and thanks, for the search. */
  readonly rest: string;
}

/**
 * Turns flow content and typed text into search terms, the same way on both sides: Dutch words
 * (see dutch-text), Snowball stems, synonym groups, stop words left out. Typed text gets more help,
 * guided by the words the flows actually use: verb forms ("leent", "gekoppeld"), compounds
 * ("wachtwoordreset" = "wachtwoord reset") and separable verbs ("logt … in" = "inloggen").
 */
export class TextAnalyser {
  private readonly stemmer: DutchStemmer;
  private readonly stopWords: ReadonlySet<string>;
  private readonly negations: ReadonlySet<string>;
  private readonly negationStems: ReadonlySet<string>;
  private readonly synonyms: SynonymMatcher;
  private readonly greetings: readonly (readonly string[])[];
  private readonly thanks: readonly (readonly string[])[];
  private readonly synonymMemberStems: readonly string[];
  private known: ReadonlySet<string> = new Set();
  /** knownStem's answers for the current vocabulary (null: none); bounded like the stemmer's cache. */
  private readonly knownStems = new Map<string, string | null>();

  constructor(content: SearchContent, stem: StemFunction) {
    this.stemmer = new DutchStemmer(stem);
    this.stopWords = new Set(content.stopWords.map(phraseKey));
    this.negations = new Set(content.negations.map(phraseKey));
    this.negationStems = new Set([...this.negations].map((w) => this.stemmer.stem(w)));
    const groups = content.synonyms.map((group) => group.map((member) => this.plainStems(member)));
    this.synonyms = new SynonymMatcher(groups);
    this.synonymMemberStems = groups.flat(2);
    this.greetings = longestFirst(content.greetings);
    this.thanks = longestFirst(content.thanks);
  }

  /** The stems of every synonym member: words typed staff may use that the flows do not. */
  synonymStems(): readonly string[] {
    return this.synonymMemberStems;
  }

  /** Tells the analyser which stems the index holds, for the help it gives typed text. */
  setVocabulary(known: ReadonlySet<string>): void {
    this.known = known;
    this.knownStems.clear();
  }

  /**
   * The search terms of a piece of flow content, with repeats (they count in the ranking). Takes
   * the text's {@link words} too, so building the index splits each text once.
   */
  contentTerms(text: string | readonly Word[]): string[] {
    const all = typeof text === 'string' ? words(text) : text;
    const own = all.filter((w) => !w.extra);
    const stems = own.map((w) => this.stemmer.stem(w.text));
    const searched = own.map((w, i) => this.knownStem(w.text) ?? stems[i] ?? w.text);
    const extras = all.filter((w) => w.extra).map((w) => this.knownStem(w.text) ?? this.stemmer.stem(w.text));
    return [...searched.filter((_, i) => !this.ignored(own[i]?.text)), ...extras, ...this.synonyms.groupTerms(stems)];
  }

  /** Typed text as distinct search terms. */
  query(text: string): AnalysedQuery {
    const all = words(text).slice(0, MAX_QUERY_WORDS);
    const sequence: string[] = [];
    const searched: string[] = [];
    const extras: string[] = [];
    let negative = false;
    for (const word of all) {
      if (this.negations.has(word.text)) negative = true;
      if (word.extra) {
        extras.push(...this.resolve(word.text));
      } else if (this.ignored(word.text)) {
        sequence.push(this.stemmer.stem(word.text));
      } else {
        const stems = this.resolve(word.text);
        // Synonym members are matched on plain stems ("lukt niet"), the index on the stems the flows use.
        sequence.push(...(stems.length > 1 ? stems : [this.stemmer.stem(word.text)]));
        searched.push(...stems);
      }
    }
    // "logt … in": the particle joined to an earlier word, when the flows know the result.
    all.forEach((particle, j) => {
      if (particle.extra || !isParticle(particle.text)) return;
      for (const verb of all.slice(Math.max(0, j - 5), j)) {
        const joined = this.knownStem(particle.text + verb.text);
        if (joined !== undefined) extras.push(joined);
      }
    });
    const terms = [...searched, ...extras, ...this.synonyms.groupTerms(sequence)];
    return { terms: [...new Set(terms)], negative };
  }

  /** Typed text or a button label as an answer: its terms without the negations, and whether it was negated. */
  answer(text: string): AnalysedQuery {
    const { terms, negative } = this.query(text);
    return { terms: terms.filter((t) => !this.negationStems.has(t)), negative };
  }

  /** Greetings and thanks in typed text, and what is left to search for. */
  smallTalk(text: string): SmallTalk {
    const all = words(text)
      .filter((w) => !w.extra)
      .map((w) => w.text)
      .slice(0, MAX_QUERY_WORDS);
    const greeting = removeAll(all, this.greetings);
    const thanks = removeAll(all, this.thanks);
    return { greeting, thanks, rest: all.filter((w) => w !== '').join(' ') };
  }

  /** Whether a text has words to search for once stop words are left out. */
  hasContent(text: string): boolean {
    return words(text).some((w) => !w.extra && !this.stopWords.has(w.text));
  }

  private ignored(word: string | undefined): boolean {
    return word === undefined || this.stopWords.has(word);
  }

  private plainStems(text: string): string[] {
    return words(text)
      .filter((w) => !w.extra)
      .map((w) => this.stemmer.stem(w.text));
  }

  /** A typed word as the stems the index knows: itself, another form of it, or the two words of a compound. */
  private resolve(word: string): string[] {
    const simple = this.knownStem(word);
    if (simple !== undefined) return [simple];
    if (word.length > MAX_COMPOUND_LETTERS) return [this.stemmer.stem(word)];
    for (let split = word.length - 3; split >= 3; split--) {
      const left = this.knownStem(word.slice(0, split));
      const right = left === undefined ? undefined : this.knownStem(word.slice(split));
      if (left !== undefined && right !== undefined) return [left, right];
    }
    return [this.stemmer.stem(word)];
  }

  /**
   * The stem the flows use for a word: the stem of its base form when they know that ("inlogt" →
   * "inlog"), else its own when they know it. Kept per word until the vocabulary changes: the
   * flows' own words come up again and again while the index is built.
   */
  private knownStem(word: string): string | undefined {
    const kept = this.knownStems.get(word);
    if (kept !== undefined) return kept ?? undefined;
    const stem = this.findKnownStem(word);
    if (this.knownStems.size >= KNOWN_STEMS_SIZE) this.knownStems.clear();
    this.knownStems.set(word, stem ?? null);
    return stem;
  }

  private findKnownStem(word: string): string | undefined {
    for (const form of verbFormCandidates(word)) {
      const formStem = this.stemmer.stem(form);
      if (this.known.has(formStem)) return formStem;
    }
    const stem = this.stemmer.stem(word);
    return this.known.has(stem) ? stem : undefined;
  }
}

const KNOWN_STEMS_SIZE = 20_000;

/** Phrases as words, longest first, so "dank je wel" is taken whole before "dank". */
function longestFirst(phrases: readonly string[]): string[][] {
  return phrases.map((p) => phraseKey(p).split(' ')).sort((a, b) => b.length - a.length);
}

/** Blanks every occurrence of any of `phrases` in `all` (in place); whether one was found. */
function removeAll(all: string[], phrases: readonly (readonly string[])[]): boolean {
  let found = false;
  for (let i = 0; i < all.length; i++) {
    for (const phrase of phrases) {
      if (phrase.length > 0 && phrase.every((w, k) => all[i + k] === w)) {
        for (let k = 0; k < phrase.length; k++) all[i + k] = '';
        found = true;
      }
    }
  }
  return found;
}
