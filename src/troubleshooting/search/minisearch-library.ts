import snowball from 'snowball-stemmers';
import { PostingIndex } from './posting-index.js';
import type { IndexDocument, SearchLibrary, TermIndex } from './term-index.js';

const dutch = snowball.newStemmer('dutch');

/**
 * MiniSearch's ranking (BM25+ per field, boosted; its radix tree for typos) with its scores worked
 * out once when the flows load (posting-index.ts), and the Snowball Dutch stemmer of
 * `snowball-stemmers`.
 */
export const miniSearchLibrary: SearchLibrary = {
  name: 'minisearch',
  stem: (word) => dutch.stem(word),
  build(documents: readonly IndexDocument[]): TermIndex {
    return new PostingIndex(documents);
  },
};
