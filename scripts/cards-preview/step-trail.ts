import type { TrailEntry } from '../../src/troubleshooting/case-state.js';
import { edgesOf } from '../../src/troubleshooting/flow-graph.js';
import type { Flow } from '../../src/troubleshooting/flow-schema.js';

/**
 * The shortest sequence of clicks from the start to a node, so its card can be shown with the
 * step number a staff member would see when they get there the quickest way.
 */
export function shortestTrail(flow: Flow, nodeId: string): TrailEntry[] | undefined {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  const via = new Map<string, { from: string; answer: string } | null>([[flow.start, null]]);
  const queue = [flow.start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (id === nodeId) break;
    const node = nodes.get(id);
    for (const edge of node ? edgesOf(node) : []) {
      if (via.has(edge.next)) continue;
      via.set(edge.next, { from: id, answer: edge.answerId });
      queue.push(edge.next);
    }
  }
  if (!via.has(nodeId)) return undefined;
  const trail: TrailEntry[] = [];
  for (let step = via.get(nodeId); step; step = via.get(step.from)) trail.unshift(step.answer);
  return trail;
}
