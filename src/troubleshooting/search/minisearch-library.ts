import MiniSearch from 'minisearch';
import snowball from 'snowball-stemmers';
import { FIELD_BOOST, type IndexDocument, type QueryTerm, type SearchLibrary, type TermHit, type TermIndex } from './term-index.js';

const dutch = snowball.newStemmer('dutch');
const FIELDS = ['phrases', 'title', 'wise', 'body'] as const;

/** MiniSearch (BM25+, radix tree with fuzzy look-up) with the Snowball Dutch stemmer of `snowball-stemmers`. */
export const miniSearchLibrary: SearchLibrary = {
  name: 'minisearch',
  stem: (word) => dutch.stem(word),
  build(documents: readonly IndexDocument[]): TermIndex {
    const index = new MiniSearch<IndexDocument>({
      fields: [...FIELDS],
      // The analyser has made the terms already.
      tokenize: (text) => text.split(' '),
      processTerm: (term) => (term === '' ? null : term),
      searchOptions: { boost: { ...FIELD_BOOST }, prefix: false },
    });
    index.addAll([...documents]);
    return {
      find(terms: readonly QueryTerm[]): readonly TermHit[] {
        const typos = new Set(terms.filter((t) => t.typo).map((t) => t.term));
        // One OR query; MiniSearch says per result which query terms it matched.
        return index.search(terms.map((t) => t.term).join(' '), { combineWith: 'OR', fuzzy: (term) => (typos.has(term) ? 1 : false) }).map((r) => ({ id: Number(r.id), score: r.score, matched: r.queryTerms }));
      },
    };
  },
};
