import type { CaseState } from './case-state.js';
import type { FlowCatalog } from './flow-catalog.js';
import { guardBefore, isStartEquivalent, type EntryGuard } from './flow-entry.js';
import { edgesOf, type Edge } from './flow-graph.js';
import type { Flow, FlowNode } from './flow-schema.js';
import { err, ok, type Result } from './result.js';

/**
 * The troubleshooting engine: flows in, next step out. Pure functions over plain data, no I/O and
 * no Bot Framework, so every path can be tested as a table and any edge (Teams, HTTP, a CLI) can
 * drive it.
 */

/** Where a case stands: the node on screen and its 1-based step number. */
export interface Position {
  readonly flow: Flow;
  readonly node: FlowNode;
  readonly step: number;
  readonly edges: readonly Edge[];
}

/** What a card click says: which step's card, and which button on it. */
export interface Choice {
  readonly nodeId: string;
  readonly step: number;
  readonly answerId: string;
}

export type EngineError =
  | { readonly code: 'unknown-flow'; readonly flowId: string }
  /** The case's answers no longer fit the flow (it was edited since the case started). */
  | { readonly code: 'flow-changed'; readonly flowId: string; readonly nodeId: string }
  /** The click came from a card of an earlier (or later) step than the current one. */
  | { readonly code: 'stale-card'; readonly current: Position }
  | { readonly code: 'unknown-answer'; readonly current: Position }
  | { readonly code: 'case-ended'; readonly current: Position }
  | { readonly code: 'at-start'; readonly current: Position };

export interface Move {
  readonly state: CaseState;
  readonly from: Position;
  readonly edge: Edge;
  readonly to: Position;
}

/**
 * A new case at the flow's first node, or with `entry` at that step (deep entry: a typed symptom,
 * or "Doorverwijzen" from another procedure). A step the case reaches from the top anyway, or one
 * the flow does not have, starts it at the top.
 */
export function startCase(flow: Flow, caseId: string, now: Date, entry?: string): CaseState {
  const deep = entry !== undefined && flow.nodes.some((n) => n.id === entry) && !isStartEquivalent(flow, entry);
  return { caseId, flowId: flow.id, flowVersion: flow.version, trail: [], startedAt: now.toISOString(), ...(deep ? { entry } : {}) };
}

/**
 * Where a case's trail starts: the flow's start, or its entry step, or the guard the flow asks
 * before that step (whose passing answer then leads to the entry step, not where it usually goes).
 */
interface Opening {
  readonly first: string;
  readonly guard?: EntryGuard & { readonly entry: string };
}

function opening(flow: Flow, state: CaseState): Opening {
  if (state.entry === undefined) return { first: flow.start };
  const guard = guardBefore(flow, state.entry);
  return guard ? { first: guard.node.id, guard: { ...guard, entry: state.entry } } : { first: state.entry };
}

/** The buttons of the node at trail position `index`: the opening guard's passing answer leads to the entry step. */
function edgesAt(node: FlowNode, index: number, open: Opening): readonly Edge[] {
  const edges = edgesOf(node);
  const guard = open.guard;
  if (index !== 0 || !guard || node.id !== guard.node.id) return edges;
  return edges.map((e) => (e.answerId === guard.pass ? { ...e, next: guard.entry } : e));
}

/** Replays the case's answers over the flow (from its opening) to find the node on screen. */
export function locate(catalog: FlowCatalog, state: CaseState): Result<Position, EngineError> {
  const flow = catalog.flow(state.flowId);
  if (!flow) return err({ code: 'unknown-flow', flowId: state.flowId });
  const open = opening(flow, state);
  let nodeId = open.first;
  for (const [index, answer] of state.trail.entries()) {
    const node = catalog.node(flow.id, nodeId);
    const edge = node ? edgesAt(node, index, open).find((e) => e.answerId === answer) : undefined;
    if (!edge) return err({ code: 'flow-changed', flowId: flow.id, nodeId });
    nodeId = edge.next;
  }
  const node = catalog.node(flow.id, nodeId);
  if (!node) return err({ code: 'flow-changed', flowId: flow.id, nodeId });
  return ok({ flow, node, step: state.trail.length + 1, edges: edgesAt(node, state.trail.length, open) });
}

/** Applies a button click. Clicks on any card but the current step's change nothing. */
export function choose(catalog: FlowCatalog, state: CaseState, choice: Choice): Result<Move, EngineError> {
  const located = locate(catalog, state);
  if (!located.ok) return located;
  const from = located.value;
  if (choice.step !== from.step || choice.nodeId !== from.node.id) return err({ code: 'stale-card', current: from });
  return answer(catalog, state, from, choice.answerId);
}

/**
 * Applies an answer on the step the case stands on, as {@link locate} found it (a typed answer:
 * the dialog located the case to match the text against its buttons), without replaying again.
 */
export function answer(catalog: FlowCatalog, state: CaseState, from: Position, answerId: string): Result<Move, EngineError> {
  if (from.node.kind === 'end') return err({ code: 'case-ended', current: from });
  const edge = from.edges.find((e) => e.answerId === answerId);
  if (!edge) return err({ code: 'unknown-answer', current: from });
  const next = catalog.node(from.flow.id, edge.next);
  if (!next) return err({ code: 'flow-changed', flowId: from.flow.id, nodeId: edge.next });
  const newState: CaseState = {
    ...state,
    flowVersion: from.flow.version,
    trail: [...state.trail, edge.answerId],
  };
  // The node it leads to is never the opening guard's position, so it shows its own buttons.
  return ok({ state: newState, from, edge, to: { flow: from.flow, node: next, step: from.step + 1, edges: edgesOf(next) } });
}

/** Goes one step back, forgetting the last answer (one replay of the shorter trail). */
export function back(
  catalog: FlowCatalog,
  state: CaseState,
): Result<{ readonly state: CaseState; readonly to: Position }, EngineError> {
  if (state.trail.length === 0) {
    const located = locate(catalog, state);
    return located.ok ? err({ code: 'at-start', current: located.value }) : located;
  }
  const newState: CaseState = { ...state, trail: state.trail.slice(0, -1) };
  const to = locate(catalog, newState);
  return to.ok ? ok({ state: newState, to: to.value }) : to;
}

/** The step number a case stands on, without replaying its trail: one more than the steps answered. */
export const stepOf = (state: CaseState): number => state.trail.length + 1;

/**
 * The answered steps of a case in order, with the labels the staff member clicked, as far as its
 * answers still replay over the flow.
 */
export function answeredSteps(
  catalog: FlowCatalog,
  state: CaseState,
): Array<{ readonly step: number; readonly node: FlowNode; readonly answer: string }> {
  const steps: Array<{ step: number; node: FlowNode; answer: string }> = [];
  const flow = catalog.flow(state.flowId);
  if (!flow) return steps;
  const open = opening(flow, state);
  let node = catalog.node(flow.id, open.first);
  for (const [index, answer] of state.trail.entries()) {
    const edge = node ? edgesAt(node, index, open).find((e) => e.answerId === answer) : undefined;
    if (!node || !edge) break;
    steps.push({ step: index + 1, node, answer: edge.label });
    node = catalog.node(flow.id, edge.next);
  }
  return steps;
}
