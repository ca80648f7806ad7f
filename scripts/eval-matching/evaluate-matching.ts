import type { FlowCatalog } from '../../src/troubleshooting/flow-catalog.js';
import { isStartEquivalent } from '../../src/troubleshooting/flow-entry.js';
import type { SearchDecision, SearchTarget } from '../../src/troubleshooting/search/search-decision.js';
import type { EvaluationPhrase } from './evaluation-set.js';

/** One way of turning typed text into a decision: the bot's search, another library, or the old matcher. */
export type Decide = (text: string) => SearchDecision;

export interface Miss {
  readonly text: string;
  readonly expected: string;
  readonly got: string;
}

export interface EvaluationResult {
  readonly phrases: number;
  /** Right procedure started, or the right kind for small talk, nothing and choices: share of all phrases. */
  readonly procedure: number;
  /** Right procedure and right step (or its start when no step is expected): share of the phrases that name a procedure. */
  readonly step: number;
  /** Expected procedure among the first three offered (target and runners-up, or the options): share of the phrases that name a procedure. */
  readonly top3: number;
  /** Right step, over the phrases that name a step. */
  readonly deepEntry: { readonly right: number; readonly of: number };
  readonly misses: readonly Miss[];
}

const describeTarget = (t: SearchTarget): string => (t.nodeId === undefined ? t.flowId : `${t.flowId} › ${t.nodeId}`);

export function describeDecision(d: SearchDecision): string {
  switch (d.kind) {
    case 'start':
      return `start ${describeTarget(d.target)}`;
    case 'choose':
      return `choose ${d.options.map(describeTarget).join(' | ')}`;
    default:
      return d.kind;
  }
}

function describeExpected(p: EvaluationPhrase): string {
  if ('flow' in p) return `start ${p.step === undefined ? p.flow : `${p.flow} › ${p.step}`}`;
  if (p.expect === 'choose') return `choose among ${p.flows.join(' | ')}`;
  return p.expect;
}

/** Runs every phrase through `decide` and scores it (see {@link EvaluationResult}). */
export function evaluate(catalog: FlowCatalog, phrases: readonly EvaluationPhrase[], decide: Decide): EvaluationResult {
  let procedureRight = 0;
  let stepRight = 0;
  let top3Right = 0;
  let named = 0;
  let deepRight = 0;
  let deepOf = 0;
  const misses: Miss[] = [];
  for (const phrase of phrases) {
    const decision = decide(phrase.text);
    let right: boolean;
    if ('flow' in phrase) {
      named++;
      // A step a case reaches from the top anyway (the first step, or the one the opening guard
      // lets through to) is the procedure's start: the staff member sees the same cards.
      const flow = catalog.flow(phrase.flow);
      const atStep = (nodeId: string | undefined): string | undefined => (nodeId === undefined || (flow && isStartEquivalent(flow, nodeId)) ? undefined : nodeId);
      const started = decision.kind === 'start' && decision.target.flowId === phrase.flow;
      const stepOk = started && decision.kind === 'start' && atStep(decision.target.nodeId) === atStep(phrase.step);
      const offered = decision.kind === 'start' ? [decision.target, ...decision.runnersUp] : decision.kind === 'choose' ? [...decision.options] : [];
      right = started;
      if (stepOk) stepRight++;
      if (offered.slice(0, 3).some((t) => t.flowId === phrase.flow)) top3Right++;
      if (phrase.step !== undefined) {
        deepOf++;
        if (stepOk) deepRight++;
      }
      if (started && !stepOk) misses.push({ text: phrase.text, expected: describeExpected(phrase), got: `${describeDecision(decision)} (wrong step)` });
    } else if (phrase.expect === 'choose') {
      right = decision.kind === 'choose' && decision.options.every((o) => phrase.flows.includes(o.flowId));
    } else {
      right = decision.kind === phrase.expect;
    }
    if (right) procedureRight++;
    else misses.push({ text: phrase.text, expected: describeExpected(phrase), got: describeDecision(decision) });
  }
  return {
    phrases: phrases.length,
    procedure: procedureRight / phrases.length,
    step: named === 0 ? 1 : stepRight / named,
    top3: named === 0 ? 1 : top3Right / named,
    deepEntry: { right: deepRight, of: deepOf },
    misses,
  };
}
