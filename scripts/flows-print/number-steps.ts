import { edgesOf } from '../../src/troubleshooting/flow-graph.js';
import type { Flow, FlowNode } from '../../src/troubleshooting/flow-schema.js';

/** A flow's steps in the order they are printed, each with the number "→ stap N" refers to. */
export interface NumberedSteps {
  /** Printed order: `steps[i]` is step `i + 1`. */
  readonly steps: readonly FlowNode[];
  /** Node id → step number. */
  readonly numberOf: ReadonlyMap<string, number>;
}

/**
 * Numbers a flow's steps for paper: the start is step 1, and every step comes after every step
 * that leads to it, so a reader only ever turns forward; the one exception is an answer marked
 * `loop` ("controleer opnieuw"), which points back. Among steps that may come next, the one
 * written first in the flow file wins, so the editor's order decides wherever the graph allows and
 * the numbers only change when the flow does.
 */
export function numberSteps(flow: Flow): NumberedSteps {
  const position = new Map(flow.nodes.map((node, index) => [node.id, index]));
  const waitingFor = new Map(flow.nodes.map((node) => [node.id, 0]));
  for (const node of flow.nodes) {
    for (const edge of edgesOf(node)) if (!edge.loop) waitingFor.set(edge.next, (waitingFor.get(edge.next) ?? 0) + 1);
  }
  const byId = new Map(flow.nodes.map((node) => [node.id, node]));
  const rank = (node: FlowNode): number => (node.id === flow.start ? -1 : (position.get(node.id) ?? 0));
  const ready = flow.nodes.filter((node) => waitingFor.get(node.id) === 0);
  const steps: FlowNode[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => rank(a) - rank(b));
    const node = ready.shift();
    if (node === undefined) break;
    steps.push(node);
    for (const edge of edgesOf(node)) {
      if (edge.loop) continue;
      const left = (waitingFor.get(edge.next) ?? 0) - 1;
      waitingFor.set(edge.next, left);
      const next = byId.get(edge.next);
      if (left === 0 && next !== undefined) ready.push(next);
    }
  }
  if (steps.length !== flow.nodes.length) {
    // The loader refuses such flows (a cycle without `loop: true`); a hand-built one still prints every step.
    steps.push(...flow.nodes.filter((node) => !steps.includes(node)));
  }
  return { steps, numberOf: new Map(steps.map((node, index) => [node.id, index + 1])) };
}
