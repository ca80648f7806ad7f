/**
 * `npm run eval:matching`: how well typed text finds the right procedure and step, on the
 * evaluation set `test/matching/phrases.yaml`.
 *
 *   tsx scripts/eval-matching.ts [--library minisearch|minisearch-plain|orama] [--all]
 *
 * prints procedure, step and top-3 accuracy and every miss; `--all` compares the libraries, with
 * the time of one search (p50/p99 over the set, repeated).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { summarise } from '../bench/stats.js';
import { loadFlowCatalog } from '../src/troubleshooting/flow-loader.js';
import { readSearchContent } from '../src/troubleshooting/search/search-content-file.js';
import { searchLibrary } from '../src/troubleshooting/search/search-library.js';
import { SymptomSearch } from '../src/troubleshooting/search/symptom-search.js';
import type { SearchLibrary } from '../src/troubleshooting/search/term-index.js';
import { miniSearchLibrary } from '../src/troubleshooting/search/minisearch-library.js';
import { oramaLibrary } from './eval-matching/orama-library.js';
import { plainMiniSearchLibrary } from './eval-matching/minisearch-plain-library.js';
import { evaluate, type EvaluationResult } from './eval-matching/evaluate-matching.js';
import { readEvaluationSet } from './eval-matching/evaluation-set.js';
import { answerHelp } from './cli/help.js';

answerHelp(process.argv.slice(2), 'usage: tsx scripts/eval-matching.ts [--library minisearch|minisearch-plain|orama] [--all] [--dir flows]', 'Runs the evaluation set test/matching/phrases.yaml through the symptom search and prints procedure,\nstep and top-3 accuracy and every miss; --all compares the libraries (the bot\'s, MiniSearch searching itself, Orama), with the time of one search.');

const LIBRARIES: Record<string, SearchLibrary> = { minisearch: miniSearchLibrary, 'minisearch-plain': plainMiniSearchLibrary, orama: oramaLibrary };
const { values } = parseArgs({ options: { library: { type: 'string' }, all: { type: 'boolean', default: false }, dir: { type: 'string', default: 'flows' } }, strict: true });
const catalog = loadFlowCatalog(values.dir);
const content = readSearchContent(values.dir);
if (!content.ok) throw new Error('search content does not load: run npm run flows:check');
const phrases = readEvaluationSet();
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

function report(name: string, r: EvaluationResult): void {
  console.log(`\n${name}: ${r.phrases} phrases`);
  console.log(`  procedure ${pct(r.procedure)}   step ${pct(r.step)}   top-3 ${pct(r.top3)}   deep entry ${r.deepEntry.right}/${r.deepEntry.of}`);
  if (r.misses.length > 0) console.log(`  misses:\n${r.misses.map((m) => `    "${m.text}"\n      expected ${m.expected}\n      got      ${m.got}`).join('\n')}`);
}

const chosen = values.all ? Object.values(LIBRARIES) : [values.library === undefined ? searchLibrary : LIBRARIES[values.library]];
for (const library of chosen) {
  if (library === undefined) throw new Error(`unknown --library; use ${Object.keys(LIBRARIES).join(' or ')}`);
  const search = new SymptomSearch(catalog.flows, content.value, library);
  report(library.name, evaluate(catalog, phrases, (text) => search.decide(text)));
  if (values.all) console.log(`  one search: ${timeSearches(search, phrases.map((p) => p.text))}`);
}

/** p50/p99 of one decide() over the phrases, after a warm-up round. */
function timeSearches(search: SymptomSearch, texts: readonly string[]): string {
  const samples: number[] = [];
  for (let round = 0; round < 51; round++) {
    for (const text of texts) {
      const started = performance.now();
      search.decide(text);
      if (round > 0) samples.push(performance.now() - started);
    }
  }
  const s = summarise(samples);
  return `p50 ${s.p50.toFixed(3)} ms, p99 ${s.p99.toFixed(3)} ms (${s.count} searches)`;
}
