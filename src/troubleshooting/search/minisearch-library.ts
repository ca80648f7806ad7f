import snowball from 'snowball-stemmers';
import { memoise } from './memoise.js';
import { PostingIndex } from './posting-index.js';
import type { IndexDocument, SearchLibrary, TermIndex } from './term-index.js';

const dutch = snowball.newStemmer('dutch');

/**
 * Snowball stems seen before in this process. This stemmer takes about 10 µs a word, and every
 * load of the flows (start-up, each test and bench run) stems the same few hundred words again;
 * a stem depends only on the word. Cleared when full, so memory stays bounded.
 */
const stemDutch = memoise((word: string) => dutch.stem(word), 20_000);

/**
 * MiniSearch's ranking (BM25+ per field, boosted; its radix tree for typos) with its scores worked
 * out once when the flows load (posting-index.ts), and the Snowball Dutch stemmer of
 * `snowball-stemmers`.
 */
export const miniSearchLibrary: SearchLibrary = {
  name: 'minisearch',
  stem: stemDutch,
  build(documents: readonly IndexDocument[]): TermIndex {
    return new PostingIndex(documents);
  },
};
