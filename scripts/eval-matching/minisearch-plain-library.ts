import MiniSearch from 'minisearch';
import { miniSearchLibrary } from '../../src/troubleshooting/search/minisearch-library.js';
import { FIELD_BOOST, type IndexDocument, type QueryTerm, type SearchLibrary, type TermHit, type TermIndex } from '../../src/troubleshooting/search/term-index.js';

const FIELDS = ['phrases', 'title', 'wise', 'body'] as const;

/**
 * MiniSearch searching itself (BM25+, radix tree with fuzzy look-up), the same stemmer as the bot:
 * the reference the bot's precomputed index (posting-index.ts) must rank exactly like.
 */
export const plainMiniSearchLibrary: SearchLibrary = {
  name: 'minisearch-plain',
  stem: miniSearchLibrary.stem,
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
