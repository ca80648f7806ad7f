import { performance } from 'node:perf_hooks';
import { readEvaluationSet } from '../scripts/eval-matching/evaluation-set.js';
import type { FlowCatalog } from '../src/troubleshooting/flow-catalog.js';
import type { Flow, FlowNode } from '../src/troubleshooting/flow-schema.js';
import type { SearchContent } from '../src/troubleshooting/search/search-content.js';
import { searchLibrary } from '../src/troubleshooting/search/search-library.js';
import { SymptomSearch } from '../src/troubleshooting/search/symptom-search.js';
import { seededRandom, summarise, type LatencySummary } from './stats.js';

export interface SearchCatalogFigures {
  readonly flows: number;
  readonly nodes: number;
  /** Building the index, as at start-up. */
  readonly buildMs: number;
  /** One decide() over the evaluation set's phrases, repeated: every run. */
  readonly searchMs: LatencySummary;
  /**
   * Each phrase's fastest run: what a search costs when the machine does not interrupt it. On a
   * shared, loaded machine the p99 of every run is mostly the scheduler's (a run preempted for a
   * few milliseconds); this one follows the search's own work. The target is judged on every run
   * (searchMs), as staff meet it; this one says whether a miss was the machine's.
   */
  readonly steadyMs: LatencySummary;
}

export interface SearchBenchFigures {
  readonly library: string;
  readonly current: SearchCatalogFigures;
  readonly synthetic: SearchCatalogFigures;
}

export const SYNTHETIC_FLOWS = 50;
export const SYNTHETIC_NODES = 150;

/**
 * Times the symptom search on the flows the bench runs on and on a synthetic catalogue of 50
 * flows × 150 steps made from their own content (so its words, lengths and overlaps are real).
 */
export function timeSearch(catalog: FlowCatalog, content: SearchContent, rounds: number, seed: number): SearchBenchFigures {
  const texts = readEvaluationSet().map((p) => p.text);
  return {
    library: searchLibrary.name,
    current: timeCatalog(catalog.flows, content, texts, rounds),
    synthetic: timeCatalog(syntheticFlows(catalog.flows, seededRandom(seed)), content, texts, Math.max(1, Math.ceil(rounds / 5))),
  };
}

function timeCatalog(flows: readonly Flow[], content: SearchContent, texts: readonly string[], rounds: number): SearchCatalogFigures {
  const built = performance.now();
  const search = new SymptomSearch(flows, content, searchLibrary);
  const buildMs = performance.now() - built;
  for (const text of texts) search.decide(text);
  const samples: number[] = [];
  const fastest = texts.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < rounds; round++) {
    texts.forEach((text, i) => {
      const started = performance.now();
      search.decide(text);
      const took = performance.now() - started;
      samples.push(took);
      fastest[i] = Math.min(fastest[i] ?? took, took);
    });
  }
  return { flows: flows.length, nodes: flows.reduce((sum, f) => sum + f.nodes.length, 0), buildMs, searchMs: summarise(samples), steadyMs: summarise(fastest) };
}

/** 50 flows of 150 steps, each step a copy of a random real step (with its entry phrases, made unique), chained. */
function syntheticFlows(real: readonly Flow[], random: () => number): Flow[] {
  const nodes = real.flatMap((f) => f.nodes);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('nothing to pick from');
    return item;
  };
  return Array.from({ length: SYNTHETIC_FLOWS }, (_, f): Flow => {
    const model = pick(real);
    const steps = Array.from({ length: SYNTHETIC_NODES }, (_, n): FlowNode => {
      const copy = pick(nodes);
      const next = `stap-${n + 1}`;
      const common = { id: `stap-${n}`, title: copy.title, text: copy.text, wise: copy.wise, steps: copy.steps, facts: copy.facts, warnings: copy.warnings, entry: copy.entry?.map((phrase) => `${phrase} ${f}-${n}`), source: copy.source };
      if (n === SYNTHETIC_NODES - 1) return { ...common, kind: 'end', outcome: 'opgelost' };
      if (copy.kind === 'question') return { ...common, kind: 'question', question: copy.question, answers: copy.answers.map((a) => ({ ...a, next })) };
      return { ...common, kind: 'instruction', next };
    });
    return { ...model, id: `synthetisch-${f}`, title: `${model.title} ${f}`, order: f, start: 'stap-0', nodes: steps, triggers: { phrases: model.triggers.phrases.map((p) => `${p} ${f}`), errorCodes: [] } };
  });
}
