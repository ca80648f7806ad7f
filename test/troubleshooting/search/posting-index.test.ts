import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainMiniSearchLibrary } from '../../../scripts/eval-matching/minisearch-plain-library.js';
import { readEvaluationSet } from '../../../scripts/eval-matching/evaluation-set.js';
import { loadFlowCatalog } from '../../../src/troubleshooting/flow-loader.js';
import { miniSearchLibrary } from '../../../src/troubleshooting/search/minisearch-library.js';
import { readSearchContent } from '../../../src/troubleshooting/search/search-content-file.js';
import type { SearchDecision } from '../../../src/troubleshooting/search/search-decision.js';
import { SymptomSearch } from '../../../src/troubleshooting/search/symptom-search.js';
import type { IndexDocument, QueryTerm, SearchLibrary, TermHit, TermIndex } from '../../../src/troubleshooting/search/term-index.js';

const catalog = loadFlowCatalog('flows');
const content = readSearchContent('flows');
if (!content.ok) throw new Error('flows/ search content does not load');

/** The documents the search indexes, caught on their way into the library. */
let documents: readonly IndexDocument[] = [];
const catching: SearchLibrary = {
  ...miniSearchLibrary,
  build(docs) {
    documents = docs;
    return miniSearchLibrary.build(docs);
  },
};
const search = new SymptomSearch(catalog.flows, content.value, catching);
const reference = new SymptomSearch(catalog.flows, content.value, plainMiniSearchLibrary);
const fast: TermIndex = miniSearchLibrary.build(documents);
const plain: TermIndex = plainMiniSearchLibrary.build(documents);
const vocabulary = [...new Set(documents.flatMap((d) => `${d.phrases} ${d.title} ${d.wise} ${d.body}`.split(' ')).filter((t) => t !== ''))].sort();

/** Hits by document id, scores rounded to 9 significant digits, matched terms sorted. */
function normalised(hits: readonly TermHit[]): Record<number, { score: string; matched: string[] }> {
  return Object.fromEntries(hits.map((h) => [h.id, { score: h.score.toPrecision(9), matched: [...h.matched].sort() }]));
}

describe("the bot's index ranks exactly as MiniSearch's own search", () => {
  it('gives every document the same score and the same matched terms, also for words one typo away', () => {
    const term = fc.oneof(fc.constantFrom(...vocabulary), fc.stringMatching(/^[a-z]{1,9}$/));
    const query = fc.uniqueArray(fc.record({ term, typo: fc.boolean() }), { minLength: 1, maxLength: 12, selector: (q) => q.term });
    fc.assert(
      fc.property(query, (terms: QueryTerm[]) => {
        expect(normalised(fast.find(terms))).toEqual(normalised(plain.find(terms)));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('makes the same decision for every phrase of the evaluation set', () => {
    // Scores are sums in another order: equal to 9 significant digits.
    const rounded = (text: string, decision: SearchDecision): string => `${text}: ${JSON.stringify(decision, (key, value: unknown) => (key === 'score' && typeof value === 'number' ? value.toPrecision(9) : value))}`;
    for (const { text } of readEvaluationSet()) expect(rounded(text, search.decide(text))).toBe(rounded(text, reference.decide(text)));
  });
});
