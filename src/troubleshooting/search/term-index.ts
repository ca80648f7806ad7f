import type { StemFunction } from './dutch-stemmer.js';

/** The parts of a searchable document, each as space-separated search terms from the TextAnalyser. */
export interface IndexDocument {
  readonly id: number;
  /** Trigger phrases of a flow, entry phrases of a step: what content editors wrote for the search. */
  readonly phrases: string;
  readonly title: string;
  /** Wise menu paths. */
  readonly wise: string;
  /** Everything else a card shows: description, question, text, steps, answers, warnings, facts. */
  readonly body: string;
}

export type IndexField = Exclude<keyof IndexDocument, 'id'>;

/** How much a term found in each part counts. */
export const FIELD_BOOST: Readonly<Record<IndexField, number>> = { phrases: 3, title: 2, wise: 1.5, body: 1 };

/** A term to look for; with `typo`, a word one edit away counts too. */
export interface QueryTerm {
  readonly term: string;
  readonly typo: boolean;
}

/** A document, how well the terms fit it (the library's BM25 score, boosted by field), and which of the terms it has. */
export interface TermHit {
  readonly id: number;
  readonly score: number;
  readonly matched: readonly string[];
}

/** A full-text index built once over all documents. */
export interface TermIndex {
  /** Every document containing at least one of the terms. */
  find(terms: readonly QueryTerm[]): readonly TermHit[];
}

/** A search library: its Dutch stemmer and its index. */
export interface SearchLibrary {
  readonly name: string;
  readonly stem: StemFunction;
  build(documents: readonly IndexDocument[]): TermIndex;
}
