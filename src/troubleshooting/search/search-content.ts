import { z } from 'zod';

/**
 * What content editors tell the search besides the flows: synonym groups (`flows/synonyms.yaml`)
 * and the small word lists of `flows/words.yaml` (greetings, thanks, words to ignore, negations).
 */

const phrase = z.string().trim().min(1, 'lege zin');

/** `flows/synonyms.yaml`: each group is a list of words or phrases that mean the same at the desk. */
export const synonymsFileSchema = z.strictObject({
  groups: z.array(z.array(phrase)).default([]),
});

/** `flows/words.yaml`. */
export const wordsFileSchema = z.strictObject({
  /** "hallo", "goedemorgen": answered with a greeting, never counted as an unrecognised problem. */
  greetings: z.array(phrase).default([]),
  /** "bedankt", "dank je wel": answered with a short reply. */
  thanks: z.array(phrase).default([]),
  /** Words that say nothing about the problem ("de", "het", "meneer"): not searched for. */
  stopWords: z.array(phrase).default([]),
  /** Words that turn an answer around ("niet", "geen"): "Lukt niet" is not "Inloggen lukt". */
  negations: z.array(phrase).default([]),
});

export type SynonymsFile = z.infer<typeof synonymsFileSchema>;
export type WordsFile = z.infer<typeof wordsFileSchema>;

/** Everything the search needs besides the flows. */
export interface SearchContent {
  readonly synonyms: readonly (readonly string[])[];
  readonly greetings: readonly string[];
  readonly thanks: readonly string[];
  readonly stopWords: readonly string[];
  readonly negations: readonly string[];
}

export const EMPTY_SEARCH_CONTENT: SearchContent = { synonyms: [], greetings: [], thanks: [], stopWords: [], negations: [] };

/** File names in the flows folder that are search content, not flows. */
export const SYNONYMS_FILE = 'synonyms.yaml';
export const WORDS_FILE = 'words.yaml';
