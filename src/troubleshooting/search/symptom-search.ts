import { isStartEquivalent } from '../flow-entry.js';
import type { Flow, FlowNode } from '../flow-schema.js';
import { matchAnswer, type AnswerButton } from './answer-matcher.js';
import { compact } from './dutch-text.js';
import type { SearchContent } from './search-content.js';
import type { SearchDecision, SearchTarget } from './search-decision.js';
import type { IndexDocument, SearchLibrary, TermIndex } from './term-index.js';
import { TextAnalyser } from './text-analyser.js';

/** Typed words this long or longer may have one typo (one edit) and still match. */
export const TYPO_MIN_LETTERS = 5;
/** The best match must cover at least this share of what was typed (terms weighted by rarity), else `none`. */
const MIN_COVERAGE = 0.4;
/** A second procedure scoring at least this share of the best one is close: offer a choice. */
const CLOSE = 0.75;
/** Within the winning procedure, a step is entered directly only when it leads the procedure's other entry steps by this factor … */
const STEP_LEAD = 1.15;
/** … and scores at least this share of the procedure's own document (title, description, triggers). */
const STEP_OVER_FLOW = 0.8;
/** Share of a trigger or entry phrase's terms that must be typed for the phrase bonus … */
const PHRASE_MIN = 0.75;
/** … which multiplies the score by up to (1 + this). */
const PHRASE_BONUS = 1;
/** A term found in more than this share of all documents is too common to search for. */
const COMMON_SHARE = 0.5;
const MAX_OPTIONS = 3;
const MAX_RUNNERS_UP = 2;

/** A search result before the decision: a target and how well the typed text fits it. */
export interface RankedTarget extends SearchTarget {
  /** Share of the typed terms (weighted by rarity) that the target's best document contains, 0..1. */
  readonly coverage: number;
  /** A trigger or entry phrase of the target was typed whole, whatever else was typed around it. */
  readonly whole: boolean;
}

interface TargetDoc {
  /** The search terms of each trigger or entry phrase of this document. */
  readonly phrases: readonly (readonly string[])[];
  readonly flow: Flow;
  readonly node?: FlowNode;
  /** The step a case would start at, when this document is an entry step. */
  readonly entry?: FlowNode;
}

/**
 * The symptom search over all flows: built once when the flows load, then asked for every typed
 * message. Pure: no I/O, no clock; the same text always gives the same decision.
 */
export class SymptomSearch {
  private readonly analyser: TextAnalyser;
  private readonly index: TermIndex;
  private readonly docs: TargetDoc[] = [];
  private readonly errorCodes: readonly { readonly code: string; readonly flow: Flow }[];
  private readonly flows: ReadonlyMap<string, Flow>;
  private readonly vocabulary: ReadonlySet<string>;
  /** Term → number of documents that have it. */
  private readonly frequency: ReadonlyMap<string, number>;

  constructor(
    flows: readonly Flow[],
    content: SearchContent,
    readonly library: SearchLibrary,
  ) {
    this.analyser = new TextAnalyser(content, library.stem);
    this.flows = new Map(flows.map((f) => [f.id, f]));
    // First pass: the stems the flows use, so the analyser can bring verb forms to them ("inlogt" → "inlog") on both sides.
    const known = new Set<string>(this.analyser.synonymStems(content));
    for (const flow of flows) {
      for (const t of [...flow.triggers.phrases, flow.title, flow.description]) for (const term of this.analyser.contentTerms(t)) known.add(term);
      for (const node of flow.nodes) for (const t of [...(node.entry ?? []), node.title, ...wisePaths(node), ...nodeBody(node)]) if (t !== undefined) for (const term of this.analyser.contentTerms(t)) known.add(term);
    }
    this.analyser.setVocabulary(known);
    const documents: IndexDocument[] = [];
    const terms = (texts: readonly (string | undefined)[]): string => texts.flatMap((t) => (t === undefined ? [] : this.analyser.contentTerms(t))).join(' ');
    for (const flow of flows) {
      documents.push({ id: this.docs.length, phrases: terms([...flow.triggers.phrases, ...flow.triggers.errorCodes]), title: terms([flow.title]), wise: '', body: terms([flow.description]) });
      this.docs.push({ flow, phrases: this.phraseTerms(flow.triggers.phrases) });
      for (const node of flow.nodes) {
        // A step the case would reach from the top anyway (the first step after the opening guard) is the procedure's start, not a deep entry.
        const entry = node.entry !== undefined && node.entry.length > 0 && !isStartEquivalent(flow, node.id) ? node : undefined;
        documents.push({ id: this.docs.length, phrases: terms(node.entry ?? []), title: terms([node.title]), wise: terms(wisePaths(node)), body: terms([...nodeBody(node), ...leadIns(flow, node)]) });
        this.docs.push({ flow, node, entry, phrases: this.phraseTerms(node.entry ?? []) });
      }
    }
    const vocabulary = new Set<string>();
    const frequency = new Map<string, number>();
    for (const d of documents) {
      for (const term of new Set(`${d.phrases} ${d.title} ${d.wise} ${d.body}`.split(' '))) {
        if (term === '') continue;
        vocabulary.add(term);
        frequency.set(term, (frequency.get(term) ?? 0) + 1);
      }
    }
    this.frequency = frequency;
    for (const stem of this.analyser.synonymStems(content)) vocabulary.add(stem);
    this.analyser.setVocabulary(vocabulary);
    this.vocabulary = vocabulary;
    this.index = library.build(documents);
    this.errorCodes = flows.flatMap((flow) => flow.triggers.errorCodes.map((code) => ({ code: compact(code), flow }))).filter((c) => c.code !== '');
  }

  private phraseTerms(phrases: readonly string[]): string[][] {
    return phrases.map((p) => [...new Set(this.analyser.contentTerms(p))]).filter((t) => t.length > 0);
  }

  /** What to do with typed text that is not a command: see {@link SearchDecision}. */
  decide(text: string): SearchDecision {
    const talk = this.analyser.smallTalk(text);
    const byCode = this.errorCodes.filter((c) => compact(text).includes(c.code));
    const [codeMatch] = byCode;
    if (codeMatch && byCode.every((c) => c.flow === codeMatch.flow)) return { kind: 'start', target: flowTarget(codeMatch.flow, Number.POSITIVE_INFINITY), runnersUp: [] };
    const ranked = this.rank(talk.greeting || talk.thanks ? talk.rest : text);
    const decision = this.decideFrom(ranked);
    if (decision.kind !== 'none') return decision;
    if (talk.thanks) return { kind: 'thanks' };
    if (talk.greeting) return { kind: 'greeting' };
    return decision;
  }

  /**
   * The answer id of the current card's button that typed text clearly stands for, so the dialog
   * can treat typing "geen rechten" as clicking "Geen rechten"; undefined when it is not clearly
   * one button (then search it as a new problem with {@link decide}). Pass the card's answers
   * (`QuestionNode.answers`), or `[{ id, label: continueLabel }]` for an instruction step.
   */
  matchAnswer(text: string, buttons: readonly AnswerButton[]): string | undefined {
    return matchAnswer(this.analyser, text, buttons);
  }

  /** Every target the typed text touches, best first, each procedure and entry step once. */
  rank(text: string): RankedTarget[] {
    const n = this.docs.length;
    const all = this.analyser.query(text).terms;
    // A term in most documents tells them apart hardly at all but makes every search touch them
    // all: left out, unless nothing else was typed.
    const telling = all.filter((t) => (this.frequency.get(t) ?? 0) <= n * COMMON_SHARE);
    // A trigger or entry phrase typed whole is searched with all its words, common or not.
    const typedAll = new Set(all);
    const wholePhrase = this.docs.some((doc) => doc.phrases.some((p) => p.every((t) => typedAll.has(t))));
    const terms = telling.length > 0 && !wholePhrase ? telling : all;
    if (terms.length === 0) return [];
    // Only a word the flows do not know may be a typo of one they do.
    const hits = this.index.find(terms.map((term) => ({ term, typo: term.length >= TYPO_MIN_LETTERS && !this.vocabulary.has(term) && !term.startsWith('~') })));
    const documentsWith = new Map<string, number>();
    for (const hit of hits) for (const term of hit.matched) documentsWith.set(term, (documentsWith.get(term) ?? 0) + 1);
    // Rare terms say more: each term weighs by how few documents have it. A synonym the flows do
    // not use is covered by its group's term, and a number nobody wrote says nothing: neither counts.
    const weight = new Map<string, number>();
    for (const term of terms) {
      const count = documentsWith.get(term) ?? 0;
      if (count === 0 && (this.vocabulary.has(term) || /^\d+$/.test(term))) continue;
      weight.set(term, Math.log(1 + n / (1 + count)));
    }
    const total = [...weight.values()].reduce((sum, w) => sum + w, 0);
    const scores = new Float64Array(n);
    const matched = new Float64Array(n);
    for (const hit of hits) {
      scores[hit.id] = hit.score;
      matched[hit.id] = hit.matched.reduce((sum, term) => sum + (weight.get(term) ?? 0), 0);
    }
    const byTarget = new Map<string, RankedTarget>();
    const typed = typedAll;
    for (const { id } of hits) {
      const doc = this.docs[id];
      const found = scores[id] ?? 0;
      if (doc === undefined || found <= 0) continue;
      // A trigger or entry phrase typed (nearly) whole is what content editors meant: it counts extra.
      const phrase = Math.max(0, ...doc.phrases.map((p) => p.filter((t) => typed.has(t)).length / p.length));
      const score = phrase >= PHRASE_MIN ? found * (1 + PHRASE_BONUS * phrase) : found;
      const target: RankedTarget = { ...(doc.entry ? stepTarget(doc.flow, doc.entry, score) : flowTarget(doc.flow, score)), coverage: (matched[id] ?? 0) / total, whole: phrase >= 1 };
      const key = `${target.flowId}#${target.nodeId ?? ''}`;
      const best = byTarget.get(key);
      if (!best || best.score < score) byTarget.set(key, best?.whole === true && !target.whole ? { ...target, whole: true } : target);
      else if (target.whole && !best.whole) byTarget.set(key, { ...best, whole: true });
    }
    return [...byTarget.values()].sort((a, b) => b.score - a.score || a.flowId.localeCompare(b.flowId) || (a.nodeId ?? '').localeCompare(b.nodeId ?? ''));
  }

  /** The confidence rule: one clear winner starts, two or three close ones are offered, nothing fitting is `none`. */
  private decideFrom(all: readonly RankedTarget[]): SearchDecision {
    // A target that fits only a small part of what was typed is no candidate, unless one of its
    // phrases was typed whole: "proef probleem voor Jan Jansen" still means "proef probleem".
    const ranked = all.filter((t) => t.coverage >= MIN_COVERAGE || t.whole);
    const [top] = ranked;
    if (!top) return { kind: 'none' };
    // The best target of each procedure, best procedure first.
    const perFlow: RankedTarget[] = [];
    for (const target of ranked) if (!perFlow.some((t) => t.flowId === target.flowId)) perFlow.push(target);
    const close = perFlow.filter((t) => t.score >= top.score * CLOSE).slice(0, MAX_OPTIONS);
    const [first, second, ...more] = close;
    if (first && second) return { kind: 'choose', options: [strip(first), strip(second), ...more.map(strip)] };
    // Within the winning procedure: its best entry step, when it is about as good as the procedure
    // itself and clearly ahead of the procedure's other entry steps; else the procedure's start.
    const inFlow = ranked.filter((t) => t.flowId === top.flowId);
    const flowScore = inFlow.find((t) => t.nodeId === undefined)?.score ?? 0;
    const [step, nextStep] = inFlow.filter((t) => t.nodeId !== undefined);
    const flow = this.flows.get(top.flowId);
    const deep = step !== undefined && step.score >= flowScore * STEP_OVER_FLOW && (nextStep === undefined || step.score >= nextStep.score * STEP_LEAD);
    const target = deep || !flow ? strip(step ?? top) : flowTarget(flow, top.score);
    const runnersUp = ranked.filter((t) => !(t.flowId === target.flowId && t.nodeId === target.nodeId)).slice(0, MAX_RUNNERS_UP).map(strip);
    return { kind: 'start', target, runnersUp };
  }
}

const strip = ({ coverage: _coverage, whole: _whole, ...target }: RankedTarget): SearchTarget => target;

function flowTarget(flow: Flow, score: number): SearchTarget {
  return { flowId: flow.id, title: flow.title, description: flow.description, score };
}

function stepTarget(flow: Flow, node: FlowNode, score: number): SearchTarget {
  return { flowId: flow.id, nodeId: node.id, title: node.title, description: `${flow.title} › ${node.title}`, score };
}

function wisePaths(node: FlowNode): string[] {
  return [node.wise, ...(node.steps ?? []).map((s) => s.wise)].flatMap((path) => (path === undefined ? [] : [path.join(' ')]));
}

/**
 * The labels of the answers that lead to a step: they name the situation the step handles ("Geen
 * mail ontvangen" leads to the spam box step), so typing them finds that step too.
 */
function leadIns(flow: Flow, node: FlowNode): string[] {
  return flow.nodes.flatMap((n) => (n.kind === 'question' ? n.answers.filter((a) => a.next === node.id && a.loop !== true).map((a) => a.label) : []));
}

function nodeBody(node: FlowNode): (string | undefined)[] {
  return [
    node.text,
    ...(node.steps ?? []).map((s) => s.text),
    ...(node.warnings ?? []),
    ...(node.facts ?? []).map((f) => `${f.name} ${f.value}`),
    ...(node.kind === 'question' ? [node.question, ...node.answers.map((a) => a.label)] : []),
  ];
}
