import type { Flow, FlowNode } from './flow-schema.js';

/** One outgoing edge of a node, as the staff member sees it: a button and where it leads. */
export interface Edge {
  readonly answerId: string;
  readonly label: string;
  readonly next: string;
  readonly loop: boolean;
}

/** The id and label of the single button an instruction node gets. */
export const CONTINUE_ANSWER_ID = 'verder';
export const DEFAULT_CONTINUE_LABEL = 'Gedaan';

/** The buttons a node offers. Instruction nodes have one "continue" button; end nodes none. */
export function edgesOf(node: FlowNode): readonly Edge[] {
  switch (node.kind) {
    case 'question':
      return node.answers.map((a) => ({ answerId: a.id, label: a.label, next: a.next, loop: a.loop ?? false }));
    case 'instruction':
      return [
        {
          answerId: CONTINUE_ANSWER_ID,
          label: node.continueLabel ?? DEFAULT_CONTINUE_LABEL,
          next: node.next,
          loop: false,
        },
      ];
    case 'end':
      return [];
  }
}

/** A problem in a flow's graph, tied to the node it is about when there is one. */
export interface GraphProblem {
  readonly nodeId?: string;
  readonly message: string;
}

/**
 * Structural checks a schema cannot express: unique ids, existing targets, every node reachable
 * from the start, every node able to reach an end, and cycles only through edges marked `loop`
 * (the seed's "controleer opnieuw").
 */
export function checkFlowGraph(flow: Flow): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const byId = new Map<string, FlowNode>();
  for (const node of flow.nodes) {
    if (byId.has(node.id)) problems.push({ nodeId: node.id, message: `node-id "${node.id}" komt meer dan eens voor` });
    else byId.set(node.id, node);
  }
  if (!byId.has(flow.start)) problems.push({ message: `start "${flow.start}" verwijst naar een node die niet bestaat` });

  for (const node of flow.nodes) {
    const seen = new Set<string>();
    for (const edge of edgesOf(node)) {
      if (seen.has(edge.answerId)) {
        problems.push({ nodeId: node.id, message: `antwoord-id "${edge.answerId}" komt meer dan eens voor` });
      }
      seen.add(edge.answerId);
      if (!byId.has(edge.next)) {
        problems.push({ nodeId: node.id, message: `"${edge.label}" verwijst naar node "${edge.next}" die niet bestaat` });
      }
      if (edge.next === node.id && !edge.loop) {
        problems.push({ nodeId: node.id, message: `"${edge.label}" verwijst naar de node zelf zonder loop: true` });
      }
    }
    if (node.kind === 'question' && node.guard && !seen.has(node.guard.pass)) {
      problems.push({ nodeId: node.id, message: `guard.pass "${node.guard.pass}" is geen antwoord van deze vraag (wel: ${[...seen].join(', ')})` });
    }
  }
  if (problems.length > 0) return problems;

  const next = (id: string, includeLoops: boolean): string[] => {
    const node = byId.get(id);
    return node ? edgesOf(node).filter((e) => includeLoops || !e.loop).map((e) => e.next) : [];
  };

  const reachable = walk([flow.start], (id) => next(id, true));
  for (const node of flow.nodes) {
    if (!reachable.has(node.id)) problems.push({ nodeId: node.id, message: 'onbereikbaar vanaf de start' });
  }

  const predecessors = new Map<string, string[]>();
  for (const node of flow.nodes) {
    for (const edge of edgesOf(node)) predecessors.set(edge.next, [...(predecessors.get(edge.next) ?? []), node.id]);
  }
  const ends = flow.nodes.filter((n) => n.kind === 'end').map((n) => n.id);
  const canEnd = walk(ends, (id) => predecessors.get(id) ?? []);
  for (const node of flow.nodes) {
    if (!canEnd.has(node.id)) problems.push({ nodeId: node.id, message: 'loopt dood: van hier is geen einde te bereiken' });
  }

  const cycleAt = findCycle(flow.nodes.map((n) => n.id), (id) => next(id, false));
  if (cycleAt !== undefined) {
    problems.push({
      nodeId: cycleAt,
      message: 'zit in een kringloop; alleen een antwoord met loop: true ("controleer opnieuw") mag terugverwijzen',
    });
  }
  return problems;
}

function walk(from: readonly string[], neighbours: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>(from);
  const queue = [...from];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const n of neighbours(id)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

/** Returns a node on a cycle, or undefined when the graph is acyclic (iterative DFS, three colours). */
function findCycle(ids: readonly string[], neighbours: (id: string) => readonly string[]): string | undefined {
  const state = new Map<string, 'open' | 'done'>();
  for (const root of ids) {
    if (state.has(root)) continue;
    const stack: Array<{ id: string; rest: string[] }> = [{ id: root, rest: [...neighbours(root)] }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      const n = top.rest.pop();
      if (n === undefined) {
        state.set(top.id, 'done');
        stack.pop();
      } else if (state.get(n) === 'open') {
        return n;
      } else if (!state.has(n)) {
        state.set(n, 'open');
        stack.push({ id: n, rest: [...neighbours(n)] });
      }
    }
  }
  return undefined;
}
