import { isStartEquivalent } from '../flow-entry.js';
import type { Flow, FlowNode } from '../flow-schema.js';
import { matchAnswer, type AnswerButton } from './answer-matcher.js';
import { compact, words } from './dutch-text.js';
import { memoise } from './memoise.js';
import type { SearchContent } from './search-content.js';
import type { SearchDecision, SearchTarget } from './search-decision.js';
import type { IndexDocument, IndexField, SearchLibrary, TermIndex } from './term-index.js';
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

/** Where a case can start: a procedure (at its top) or one of its entry steps. */
interface Target {
  readonly flow: Flow;
  readonly entry?: FlowNode;
}

/** A trigger or entry phrase: the document it belongs to and how many distinct terms it has. */
interface Phrase {
  readonly doc: number;
  readonly size: number;
}

/**
 * The symptom search over all flows: built once when the flows load, then asked for every typed
 * message. Pure: no I/O, no clock; the same text always gives the same decision. A search adds
 * up precomputed lists (the index, and the phrases by term) and keeps its running sums in arrays
 * made once, so its cost follows what was typed, not the size of the flows.
 */
export class SymptomSearch {
  private readonly analyser: TextAnalyser;
  private readonly index: TermIndex;
  private readonly targets: readonly Target[];
  /** Per document: the target it counts for. */
  private readonly targetOf: Int32Array;
  /** Per target: its place when targets score the same (by procedure id, then step id), so equal scores always come out in one order. */
  private readonly targetOrder: Int32Array;
  private readonly phrases: readonly Phrase[];
  private readonly phrasesByTerm: ReadonlyMap<string, readonly number[]>;
  private readonly errorCodes: readonly { readonly code: string; readonly flow: Flow }[];
  private readonly vocabulary: ReadonlySet<string>;
  /** Term → number of documents that have it. */
  private readonly frequency: ReadonlyMap<string, number>;
  private readonly documentCount: number;
  // Scratch space of one search, reset before it returns (a search runs to its end synchronously).
  private readonly phraseHits: Uint16Array;
  private readonly bestScore: Float64Array;
  private readonly bestCoverage: Float64Array;
  private readonly bestWhole: Uint8Array;
  private readonly docShare: Float64Array;

  constructor(
    flows: readonly Flow[],
    content: SearchContent,
    readonly library: SearchLibrary,
  ) {
    this.analyser = new TextAnalyser(content, library.stem);
    // Each text is split into words once, and analysed once per pass: answer labels and phrases repeat.
    const wordsOf = memoise(words);
    // First the stems the flows use, so the analyser brings verb forms to them ("inlogt" → "inlog") on both sides.
    const known = new Set<string>(this.analyser.synonymStems());
    const firstTerms = memoise((text: string) => this.analyser.contentTerms(wordsOf(text)));
    for (const flow of flows) {
      for (const text of [...flow.triggers.phrases, flow.title, flow.description]) for (const term of firstTerms(text)) known.add(term);
      for (const node of flow.nodes) {
        for (const text of [...(node.entry ?? []), node.title, ...wisePaths(node), ...nodeBody(node)]) if (text !== undefined) for (const term of firstTerms(text)) known.add(term);
      }
    }
    this.analyser.setVocabulary(known);

    const termsOf = memoise((text: string) => this.analyser.contentTerms(wordsOf(text)));
    const documents: IndexDocument[] = [];
    /** Each document's distinct terms, for the vocabulary and the document frequencies below. */
    const documentTerms: Set<string>[] = [];
    const addDocument = (texts: Readonly<Record<IndexField, readonly (string | undefined)[]>>): void => {
      const distinct = new Set<string>();
      const field = (list: readonly (string | undefined)[]): string => {
        const found = list.flatMap((t) => (t === undefined ? [] : termsOf(t)));
        for (const term of found) distinct.add(term);
        return found.join(' ');
      };
      documents.push({ id: documents.length, phrases: field(texts.phrases), title: field(texts.title), wise: field(texts.wise), body: field(texts.body) });
      documentTerms.push(distinct);
    };
    const phraseTerms = (list: readonly string[]): string[][] => list.map((p) => [...new Set(termsOf(p))]).filter((t) => t.length > 0);
    const targets: Target[] = [];
    const targetOf: number[] = [];
    const phraseLists: string[][][] = [];
    for (const flow of flows) {
      const leadIns = leadInsOf(flow);
      const flowTargetIndex = targets.push({ flow }) - 1;
      addDocument({ phrases: [...flow.triggers.phrases, ...flow.triggers.errorCodes], title: [flow.title], wise: [], body: [flow.description] });
      targetOf.push(flowTargetIndex);
      phraseLists.push(phraseTerms(flow.triggers.phrases));
      for (const node of flow.nodes) {
        // A step the case would reach from the top anyway (the first step after the opening guard) is the procedure's start, not a deep entry.
        const entry = node.entry !== undefined && node.entry.length > 0 && !isStartEquivalent(flow, node.id);
        addDocument({ phrases: node.entry ?? [], title: [node.title], wise: wisePaths(node), body: [...nodeBody(node), ...(leadIns.get(node.id) ?? [])] });
        targetOf.push(entry ? targets.push({ flow, entry: node }) - 1 : flowTargetIndex);
        phraseLists.push(phraseTerms(node.entry ?? []));
      }
    }
    this.targets = targets;
    this.targetOf = Int32Array.from(targetOf);
    const keyed = targets.map((t, index) => ({ index, flowId: t.flow.id, nodeId: t.entry?.id ?? '' }));
    keyed.sort((a, b) => a.flowId.localeCompare(b.flowId) || a.nodeId.localeCompare(b.nodeId));
    this.targetOrder = new Int32Array(targets.length);
    keyed.forEach((t, position) => (this.targetOrder[t.index] = position));
    this.documentCount = documents.length;

    const phrases: Phrase[] = [];
    const byTerm = new Map<string, number[]>();
    phraseLists.forEach((list, doc) => {
      for (const phrase of list) {
        const id = phrases.push({ doc, size: phrase.length }) - 1;
        for (const term of phrase) {
          const list = byTerm.get(term);
          if (list) list.push(id);
          else byTerm.set(term, [id]);
        }
      }
    });
    this.phrases = phrases;
    this.phrasesByTerm = byTerm;

    const vocabulary = new Set<string>();
    const frequency = new Map<string, number>();
    for (const distinct of documentTerms) {
      for (const term of distinct) {
        if (term === '') continue;
        vocabulary.add(term);
        frequency.set(term, (frequency.get(term) ?? 0) + 1);
      }
    }
    this.frequency = frequency;
    for (const stem of this.analyser.synonymStems()) vocabulary.add(stem);
    this.analyser.setVocabulary(vocabulary);
    this.vocabulary = vocabulary;
    this.index = library.build(documents);
    this.errorCodes = flows.flatMap((flow) => flow.triggers.errorCodes.map((code) => ({ code: compact(code), flow }))).filter((c) => c.code !== '');
    this.phraseHits = new Uint16Array(phrases.length);
    this.docShare = new Float64Array(documents.length);
    this.bestScore = new Float64Array(targets.length);
    this.bestCoverage = new Float64Array(targets.length);
    this.bestWhole = new Uint8Array(targets.length);
  }

  /** What to do with typed text that is not a command: see {@link SearchDecision}. */
  decide(text: string): SearchDecision {
    const talk = this.analyser.smallTalk(text);
    const typedCode = compact(text);
    const byCode = this.errorCodes.filter((c) => typedCode.includes(c.code));
    const [codeMatch] = byCode;
    if (codeMatch && byCode.every((c) => c.flow === codeMatch.flow)) return { kind: 'start', target: flowTarget(codeMatch.flow, Number.POSITIVE_INFINITY), runnersUp: [] };
    const decision = this.ranked(talk.greeting || talk.thanks ? talk.rest : text, (order) => this.decideFrom(order));
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

  /**
   * The targets that fit the typed text, best first, each procedure and entry step once: those
   * whose best document covers enough of what was typed, or one of whose phrases was typed whole.
   */
  rank(text: string): RankedTarget[] {
    return this.ranked(text, (order) => order.map((t) => this.rankedTarget(t)));
  }

  /**
   * Ranks the targets for `text` into the scratch arrays, hands `use` their indices best first,
   * and clears the scratch arrays again: only the targets `use` looks at become objects.
   */
  private ranked<T>(text: string, use: (order: readonly number[]) => T): T {
    const n = this.documentCount;
    const all = this.analyser.query(text).terms;
    if (all.length === 0) return use([]);
    // A trigger or entry phrase typed (nearly) whole is what content editors meant: per document, the best share of one of its phrases typed.
    const sharedDocs = this.phraseShares(all);
    const whole = sharedDocs.some((doc) => (this.docShare[doc] ?? 0) >= 1);
    // A term in most documents tells them apart hardly at all: left out, unless nothing else was
    // typed, or a phrase was typed whole (then searched with all its words, common or not).
    const telling = all.filter((t) => (this.frequency.get(t) ?? 0) <= n * COMMON_SHARE);
    const terms = telling.length > 0 && !whole ? telling : all;
    // Only a word the flows do not know may be a typo of one they do.
    const hits = this.index.find(terms.map((term) => ({ term, typo: term.length >= TYPO_MIN_LETTERS && !this.vocabulary.has(term) && !term.startsWith('~') })));
    const documentsWith = new Map<string, number>();
    for (const hit of hits) for (const term of hit.matched) documentsWith.set(term, (documentsWith.get(term) ?? 0) + 1);
    // Rare terms say more: each term weighs by how few documents have it. A synonym the flows do
    // not use is covered by its group's term, and a number nobody wrote says nothing: neither counts.
    const weight = new Map<string, number>();
    let total = 0;
    for (const term of terms) {
      const count = documentsWith.get(term) ?? 0;
      if (count === 0 && (this.vocabulary.has(term) || /^\d+$/.test(term))) continue;
      const w = Math.log(1 + n / (1 + count));
      weight.set(term, w);
      total += w;
    }
    const touched: number[] = [];
    for (const hit of hits) {
      if (hit.score <= 0) continue;
      let covered = 0;
      for (const term of hit.matched) covered += weight.get(term) ?? 0;
      const coverage = total > 0 ? covered / total : 0;
      const share = this.docShare[hit.id] ?? 0;
      const score = share >= PHRASE_MIN ? hit.score * (1 + PHRASE_BONUS * share) : hit.score;
      const t = this.targetOf[hit.id] ?? 0;
      const best = this.bestScore[t] ?? 0;
      if (best === 0) touched.push(t);
      if (score > best || (score === best && coverage > (this.bestCoverage[t] ?? 0))) {
        this.bestScore[t] = score;
        this.bestCoverage[t] = coverage;
      }
      if (share >= 1) this.bestWhole[t] = 1;
    }
    for (const doc of sharedDocs) this.docShare[doc] = 0;
    // A target that fits only a small part of what was typed is no candidate, unless one of its
    // phrases was typed whole: "proef probleem voor Jan Jansen" still means "proef probleem".
    const order = touched.filter((t) => (this.bestCoverage[t] ?? 0) >= MIN_COVERAGE || this.bestWhole[t] === 1);
    order.sort((a, b) => (this.bestScore[b] ?? 0) - (this.bestScore[a] ?? 0) || (this.targetOrder[a] ?? 0) - (this.targetOrder[b] ?? 0));
    try {
      return use(order);
    } finally {
      for (const t of touched) {
        this.bestScore[t] = 0;
        this.bestCoverage[t] = 0;
        this.bestWhole[t] = 0;
      }
    }
  }

  private rankedTarget(t: number): RankedTarget {
    const target = this.targets[t];
    const score = this.bestScore[t] ?? 0;
    if (!target) throw new Error(`no search target ${t}`);
    return { ...(target.entry ? stepTarget(target.flow, target.entry, score) : flowTarget(target.flow, score)), coverage: this.bestCoverage[t] ?? 0, whole: this.bestWhole[t] === 1 };
  }

  /** Fills `docShare` with each document's best share of one phrase typed; returns the documents it set (the caller resets them). */
  private phraseShares(typed: readonly string[]): number[] {
    const hitPhrases: number[] = [];
    for (const term of typed) {
      for (const p of this.phrasesByTerm.get(term) ?? []) {
        if (this.phraseHits[p] === 0) hitPhrases.push(p);
        this.phraseHits[p] = (this.phraseHits[p] ?? 0) + 1;
      }
    }
    const docs: number[] = [];
    for (const p of hitPhrases) {
      const phrase = this.phrases[p];
      const hits = this.phraseHits[p] ?? 0;
      this.phraseHits[p] = 0;
      if (!phrase) continue;
      const share = hits / phrase.size;
      const before = this.docShare[phrase.doc] ?? 0;
      if (before === 0) docs.push(phrase.doc);
      if (share > before) this.docShare[phrase.doc] = share;
    }
    return docs;
  }

  /** The confidence rule: one clear winner starts, two or three close ones are offered, nothing fitting is `none`. */
  private decideFrom(order: readonly number[]): SearchDecision {
    const [top] = order;
    if (top === undefined) return { kind: 'none' };
    const score = (t: number): number => this.bestScore[t] ?? 0;
    const flowOf = (t: number): Flow | undefined => this.targets[t]?.flow;
    const topFlow = flowOf(top);
    // The best target of each procedure, best procedure first.
    const perFlow: number[] = [];
    for (const t of order) {
      if (perFlow.length >= MAX_OPTIONS || score(t) < score(top) * CLOSE) break;
      if (!perFlow.some((p) => flowOf(p) === flowOf(t))) perFlow.push(t);
    }
    const [first, second, ...more] = perFlow.map((t) => strip(this.rankedTarget(t)));
    if (first && second) return { kind: 'choose', options: [first, second, ...more] };
    if (!topFlow) return { kind: 'none' };
    // Within the winning procedure: its best entry step, when it is about as good as the procedure
    // itself and clearly ahead of the procedure's other entry steps; else the procedure's start.
    const inFlow = order.filter((t) => flowOf(t) === topFlow);
    const flowScore = score(inFlow.find((t) => this.targets[t]?.entry === undefined) ?? -1);
    const [step, nextStep] = inFlow.filter((t) => this.targets[t]?.entry !== undefined);
    const deep = step !== undefined && score(step) >= flowScore * STEP_OVER_FLOW && (nextStep === undefined || score(step) >= score(nextStep) * STEP_LEAD);
    const chosen = deep ? step : undefined;
    const target = chosen === undefined ? flowTarget(topFlow, score(top)) : strip(this.rankedTarget(chosen));
    const isTarget = (t: number): boolean => (chosen === undefined ? flowOf(t) === topFlow && this.targets[t]?.entry === undefined : t === chosen);
    const runnersUp = order.filter((t) => !isTarget(t)).slice(0, MAX_RUNNERS_UP).map((t) => strip(this.rankedTarget(t)));
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
 * Per step, the labels of the answers that lead to it: they name the situation the step handles
 * ("Geen mail ontvangen" leads to the spam box step), so typing them finds that step too.
 */
function leadInsOf(flow: Flow): ReadonlyMap<string, readonly string[]> {
  const labels = new Map<string, string[]>();
  for (const node of flow.nodes) {
    if (node.kind !== 'question') continue;
    for (const answer of node.answers) if (answer.loop !== true) labels.set(answer.next, [...(labels.get(answer.next) ?? []), answer.label]);
  }
  return labels;
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
