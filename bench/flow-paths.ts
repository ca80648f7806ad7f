import { edgesOf } from '../src/troubleshooting/flow-graph.js';
import type { FlowCatalog } from '../src/troubleshooting/flow-catalog.js';

/** One click on a step card: the node it was on, the button's id and the title the staff member reads. */
export interface PathClick {
  readonly nodeId: string;
  readonly answerId: string;
  readonly label: string;
}

/** A walk from a flow's start to one of its ends, as the buttons a staff member clicks. */
export interface FlowPath {
  readonly flowId: string;
  readonly flowTitle: string;
  readonly clicks: readonly PathClick[];
}

/**
 * Every root-to-end path of every flow, found by depth-first search over the loaded catalog.
 * Loop edges ("controleer opnieuw") and nodes already on the path are skipped, so each path is
 * finite; `maxPerFlow` keeps a very branchy flow from flooding the list.
 */
export function enumeratePaths(catalog: FlowCatalog, maxPerFlow = 500): FlowPath[] {
  const paths: FlowPath[] = [];
  for (const flow of catalog.flows) {
    let found = 0;
    const visit = (nodeId: string, onPath: ReadonlySet<string>, clicks: readonly PathClick[]): void => {
      if (found >= maxPerFlow) return;
      const node = catalog.node(flow.id, nodeId);
      if (!node) return;
      if (node.kind === 'end') {
        paths.push({ flowId: flow.id, flowTitle: flow.title, clicks });
        found += 1;
        return;
      }
      for (const edge of edgesOf(node)) {
        if (edge.loop || onPath.has(edge.next)) continue;
        visit(edge.next, new Set([...onPath, edge.next]), [...clicks, { nodeId, answerId: edge.answerId, label: edge.label }]);
      }
    };
    visit(flow.start, new Set([flow.start]), []);
  }
  return paths;
}

/** The path with the most clicks (ties: the first in catalog order). */
export function longestPath(paths: readonly FlowPath[]): FlowPath | undefined {
  return paths.reduce<FlowPath | undefined>((best, p) => (best === undefined || p.clicks.length > best.clicks.length ? p : best), undefined);
}
