import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFlowCatalog } from '../../../src/troubleshooting/flow-loader.js';
import { MAX_TYPED_CHARS } from '../../../src/troubleshooting/search/dutch-text.js';
import { readSearchContent } from '../../../src/troubleshooting/search/search-content-file.js';
import { searchLibrary } from '../../../src/troubleshooting/search/search-library.js';
import { SymptomSearch } from '../../../src/troubleshooting/search/symptom-search.js';
import type { SearchLibrary } from '../../../src/troubleshooting/search/term-index.js';
import { MAX_QUERY_WORDS } from '../../../src/troubleshooting/search/text-analyser.js';

const catalog = loadFlowCatalog('flows');
const content = readSearchContent('flows');
if (!content.ok) throw new Error('flows/ search content does not load');

/** The bot's library, counting the terms each search looks up: the work a search does, measured without a clock. */
let lookups = 0;
const counting: SearchLibrary = {
  ...searchLibrary,
  build(documents) {
    const index = searchLibrary.build(documents);
    return { find: (terms) => ((lookups += terms.length), index.find(terms)) };
  },
};
const search = new SymptomSearch(catalog.flows, content.value, counting);
const buttons = catalog.flows.flatMap((f) => f.nodes.flatMap((n) => (n.kind === 'question' ? [n.answers] : [])));

const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(...'.*+?^${}()|[]\\/-_\'"`!,;:'.split('')), maxLength: 500 }),
  fc.string({ unit: fc.constantFrom('😀', '👩‍💻', '🇳🇱', 'مرحبا', 'שלום', '\u202e', '\u200b', '\u0000', '\u001b[31m', '\ud800', '\udfff', 'é', 'ß', 'ﬁ'), maxLength: 200 }),
  fc.constantFrom('', ' ', '\n\t', 'a'.repeat(100_000), 'e-'.repeat(50_000), 'inloggen '.repeat(12_000), `${'x'.repeat(99_990)}wachtwoord`, '(a+)+$'.repeat(1000)),
  fc.array(fc.constantFrom('klant', 'kan', 'niet', 'inloggen', 'e-mail', 'e', 'geen', 'rechten', 'logt', 'in', 'hallo', 'weet', 'meer', 'wachtwoordreset', 'kwijtgeraakt'), { maxLength: 5000 }).map((w) => w.join(' ')),
);

describe('hostile typed text', () => {
  it('10,000 random and hostile strings: the search and the button matcher never throw, and a search does bounded work', async ({ annotate }) => {
    let runs = 0;
    let mostLookups = 0;
    // Recorded, not asserted: a wall-clock bound fails on a busy machine. The bound that holds is the one on looked-up terms below.
    let slowestMs = 0;
    let over5Ms = 0;
    fc.assert(
      fc.property(hostile, fc.nat(buttons.length - 1), (text, b) => {
        lookups = 0;
        const started = performance.now();
        const decision = search.decide(text);
        const answer = search.matchAnswer(text, buttons[b] ?? []);
        const tookMs = performance.now() - started;
        slowestMs = Math.max(slowestMs, tookMs);
        if (tookMs >= 5) over5Ms++;
        mostLookups = Math.max(mostLookups, lookups);
        expect(['greeting', 'thanks', 'start', 'choose', 'none']).toContain(decision.kind);
        if (decision.kind === 'choose') expect(decision.options.length).toBeGreaterThanOrEqual(2);
        expect(answer === undefined || (buttons[b] ?? []).some((a) => a.id === answer)).toBe(true);
        runs++;
      }),
      { numRuns: 10_000, seed: 12 },
    );
    expect(runs).toBe(10_000);
    await annotate(`slowest search + button match ${slowestMs.toFixed(2)} ms; ${over5Ms} of 10,000 took 5 ms or more; at most ${mostLookups} terms looked up`);
    // Text is cut at MAX_TYPED_CHARS and MAX_QUERY_WORDS; each word gives at most two terms, plus
    // the joined particle verbs and the synonym groups: so the cost of a search is bounded by construction.
    expect(MAX_TYPED_CHARS).toBe(300);
    expect(mostLookups).toBeLessThanOrEqual(MAX_QUERY_WORDS * 2 + 5 * MAX_QUERY_WORDS + content.value.synonyms.length);
  });
});
