import SearchableMap from 'minisearch/SearchableMap';
import { FIELD_BOOST, type IndexDocument, type IndexField, type QueryTerm, type TermHit, type TermIndex } from './term-index.js';

/** MiniSearch's BM25+ parameters (its defaults), so this index ranks exactly as MiniSearch's own search does. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;
/** MiniSearch's weight for a word one edit away (its default `weights.fuzzy`). */
const FUZZY_WEIGHT = 0.45;
const FIELDS: readonly IndexField[] = ['phrases', 'title', 'wise', 'body'];

/** The documents a term is in, and what it adds to each one's score (BM25+ summed over the fields, boosted). */
interface Postings {
  readonly docs: Int32Array;
  readonly scores: Float64Array;
}

/**
 * MiniSearch's ranking with its scores worked out when the flows load. A term's BM25+ score in a
 * document depends only on the documents, so it is computed once per term and document here; a
 * search then only adds up the lists of the terms typed. MiniSearch's own search computes every
 * score per query and builds a result object per document, which is what made a search on 50
 * flows of 150 steps take 25 ms. Same scores (a test compares them with MiniSearch's `search`);
 * the typo look-up is MiniSearch's radix tree (`SearchableMap.fuzzyGet`).
 */
export class PostingIndex implements TermIndex {
  private readonly postings: SearchableMap<Postings>;
  /** Per document: its score so far in this search, and how many of the typed terms it has. */
  private readonly score: Float64Array;
  private readonly quality: Uint16Array;
  /** Per document: the last typed term that touched it (index + 1), so a term counts once per document. */
  private readonly touchedBy: Uint16Array;
  private readonly matched: (string[] | undefined)[];

  constructor(documents: readonly IndexDocument[]) {
    if (documents.some((doc, position) => doc.id !== position)) throw new Error('PostingIndex: document ids must be their positions (0, 1, 2, …)');
    const count = documents.length;
    this.score = new Float64Array(count);
    this.quality = new Uint16Array(count);
    this.touchedBy = new Uint16Array(count);
    this.matched = new Array<string[] | undefined>(count);
    // Per field: term → (document → term frequency), and each document's field length (its distinct tokens, as MiniSearch counts it).
    const frequencies = FIELDS.map(() => new Map<string, Map<number, number>>());
    const lengths = FIELDS.map(() => new Float64Array(count));
    documents.forEach((doc, position) => {
      FIELDS.forEach((field, f) => {
        const tokens = doc[field].split(' ');
        (lengths[f] ?? new Float64Array(0))[position] = new Set(tokens).size;
        const terms = frequencies[f] ?? new Map<string, Map<number, number>>();
        for (const token of tokens) {
          if (token === '') continue;
          const perDoc = terms.get(token) ?? new Map<number, number>();
          perDoc.set(position, (perDoc.get(position) ?? 0) + 1);
          terms.set(token, perDoc);
        }
      });
    });
    const average = lengths.map((l) => (count === 0 ? 0 : l.reduce((sum, v) => sum + v, 0) / count));
    const summed = new Map<string, Map<number, number>>();
    FIELDS.forEach((field, f) => {
      const fieldLengths = lengths[f] ?? new Float64Array(0);
      const averageLength = average[f] ?? 0;
      for (const [term, perDoc] of frequencies[f] ?? []) {
        const idf = Math.log(1 + (count - perDoc.size + 0.5) / (perDoc.size + 0.5));
        const total = summed.get(term) ?? new Map<number, number>();
        for (const [position, tf] of perDoc) {
          const length = fieldLengths[position] ?? 0;
          const bm25 = idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / averageLength)));
          total.set(position, (total.get(position) ?? 0) + FIELD_BOOST[field] * bm25);
        }
        summed.set(term, total);
      }
    });
    this.postings = new SearchableMap<Postings>();
    for (const [term, perDoc] of summed) {
      const positions = [...perDoc.keys()].sort((a, b) => a - b);
      this.postings.set(term, { docs: Int32Array.from(positions), scores: Float64Array.from(positions, (p) => perDoc.get(p) ?? 0) });
    }
  }

  find(terms: readonly QueryTerm[]): readonly TermHit[] {
    const touched: number[] = [];
    terms.forEach(({ term, typo }, t) => {
      const stamp = t + 1;
      const add = (list: Postings, weight: number): void => {
        const { docs, scores } = list;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i] ?? 0;
          if (this.touchedBy[doc] === 0) touched.push(doc);
          this.score[doc] = (this.score[doc] ?? 0) + weight * (scores[i] ?? 0);
          if (this.touchedBy[doc] !== stamp) {
            this.touchedBy[doc] = stamp;
            this.quality[doc] = (this.quality[doc] ?? 0) + 1;
            const list = this.matched[doc];
            if (list === undefined) this.matched[doc] = [term];
            else list.push(term);
          }
        }
      };
      const exact = this.postings.get(term);
      if (exact) add(exact, 1);
      if (!typo) return;
      for (const [derived, [list, distance]] of this.postings.fuzzyGet(term, 1)) {
        if (distance > 0) add(list, (FUZZY_WEIGHT * derived.length) / (derived.length + distance));
      }
    });
    const hits = touched.map((id): TermHit => ({ id, score: (this.score[id] ?? 0) * (this.quality[id] ?? 1), matched: this.matched[id] ?? [] }));
    for (const id of touched) {
      this.score[id] = 0;
      this.quality[id] = 0;
      this.touchedBy[id] = 0;
      this.matched[id] = undefined;
    }
    return hits;
  }
}
