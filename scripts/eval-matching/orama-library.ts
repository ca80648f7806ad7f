import { create, insertMultiple, search, type Results, type TypedDocument } from '@orama/orama';
import { stemmer } from '@orama/stemmers/dutch';
import { FIELD_BOOST, type IndexDocument, type QueryTerm, type SearchLibrary, type TermHit, type TermIndex } from '../../src/troubleshooting/search/term-index.js';

const schema = { phrases: 'string', title: 'string', wise: 'string', body: 'string' } as const;

/** Orama (BM25, radix tree with Levenshtein tolerance) with its Snowball Dutch stemmer `@orama/stemmers/dutch`. */
export const oramaLibrary: SearchLibrary = {
  name: 'orama',
  stem: stemmer,
  build(documents: readonly IndexDocument[]): TermIndex {
    const db = create({
      schema,
      // The analyser has made the terms already.
      components: { tokenizer: { language: 'dutch', normalizationCache: new Map(), tokenize: (raw: string) => raw.split(' ').filter((t) => t !== '') } },
    });
    const inserted = insertMultiple(db, documents.map((d) => ({ ...d, id: String(d.id) })));
    if (inserted instanceof Promise) throw new Error('Orama inserted asynchronously; the search index must be built synchronously');
    const limit = documents.length;
    return {
      find(terms: readonly QueryTerm[]): readonly TermHit[] {
        // Orama's tolerance is one number per query: one query per term, combined here.
        const hits = new Map<number, { score: number; matched: string[] }>();
        for (const { term, typo } of terms) {
          const results: Results<TypedDocument<typeof db>> | Promise<Results<TypedDocument<typeof db>>> = search(db, { term, tolerance: typo ? 1 : 0, boost: { ...FIELD_BOOST }, limit });
          if (results instanceof Promise) throw new Error('Orama searched asynchronously; the search must be synchronous');
          for (const h of results.hits) {
            const hit = hits.get(Number(h.id)) ?? { score: 0, matched: [] };
            hit.score += h.score;
            hit.matched.push(term);
            hits.set(Number(h.id), hit);
          }
        }
        return [...hits].map(([id, h]) => ({ id, ...h }));
      },
    };
  },
};
