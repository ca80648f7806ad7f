import { edgesOf } from './flow-graph.js';
import type { Flow, FlowNode, QuestionNode } from './flow-schema.js';

/** A guard question a case asks before a later step it starts at, and the answer that lets it through. */
export interface EntryGuard {
  readonly node: QuestionNode;
  /** The answer id that continues at the entry step ("gewone-klant"). */
  readonly pass: string;
}

/**
 * The guard a case that starts at `nodeId` must ask first: a question marked `guard` in the flow
 * from whose passing answer `nodeId` can be reached (the colleague/volunteer check before every
 * Wise step). None for a step before any guard, or for the guard itself.
 */
export function guardBefore(flow: Flow, nodeId: string): EntryGuard | undefined {
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  for (const node of flow.nodes) {
    if (node.kind !== 'question' || node.guard === undefined || node.id === nodeId) continue;
    const pass = node.guard.pass;
    const first = node.answers.find((a) => a.id === pass)?.next;
    if (first !== undefined && reaches(byId, first, nodeId, node.id)) return { node, pass };
  }
  return undefined;
}

/**
 * Whether a case that starts at `nodeId` is the same as one that starts at the top: the flow's
 * first step, or the step its first question (a guard) lets through to. Such a start is no deep
 * entry: "Gestart bij" would name a step the case reaches anyway.
 */
export function isStartEquivalent(flow: Flow, nodeId: string): boolean {
  if (nodeId === flow.start) return true;
  const start = flow.nodes.find((n) => n.id === flow.start);
  if (start?.kind !== 'question' || start.guard === undefined) return false;
  const pass = start.guard.pass;
  return start.answers.some((a) => a.id === pass && a.next === nodeId);
}

/** Whether `target` can be reached from `from` without passing through `avoid`. */
function reaches(byId: ReadonlyMap<string, FlowNode>, from: string, target: string, avoid: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (id === target) return true;
    const node = byId.get(id);
    for (const edge of node ? edgesOf(node) : []) {
      if (edge.next !== avoid && !seen.has(edge.next)) {
        seen.add(edge.next);
        queue.push(edge.next);
      }
    }
  }
  return false;
}
