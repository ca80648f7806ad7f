import type { Tally } from '../../src/statistics/statistics-tally.js';

/** Every counted case's ending, one entry per case, sorted: what a list of records would show. */
export function endingsIn(tally: Tally): string[] {
  return Object.values(tally)
    .flatMap((flow) => Object.entries(flow.endings).flatMap(([ending, count]) => Array.from({ length: count }, () => ending)))
    .sort();
}

/** How many counted cases reached each step of a flow, as `{ step: count }`. */
export function reachedIn(tally: Tally, flowId: string): Record<string, number> {
  return Object.fromEntries(Object.entries(tally[flowId]?.steps ?? {}).map(([id, step]) => [id, step.reached]));
}
