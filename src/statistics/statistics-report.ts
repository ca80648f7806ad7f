import { ABANDONED_ENDINGS, type CaseEnding } from '../troubleshooting/case-ending.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { StatisticsRecord } from './statistics-record.js';
import type { PhraseCount } from './unrecognised-phrases.js';

export type EndingCounts = Readonly<Record<CaseEnding, number>>;

/** One step of a flow: how many cases showed it, and how those that ended on it ended. */
export interface StepStatistics {
  readonly id: string;
  readonly title: string;
  /** False for a step that recorded cases passed but the current flow no longer has. */
  readonly inFlow: boolean;
  readonly reached: number;
  /** Cases whose last step was this one, by ending. */
  readonly endedHere: EndingCounts;
  /** Median duration of the cases that ended here, in ms. */
  readonly medianMs?: number;
  /** Cases that started at this step (typed symptom, "Doorverwijzen") instead of at the top. */
  readonly entered: number;
}

export interface FlowStatistics {
  readonly id: string;
  readonly title: string;
  /** Flow versions the cases were recorded with, lowest first. */
  readonly versions: readonly number[];
  readonly cases: number;
  readonly endings: EndingCounts;
  readonly medianMs?: number;
  readonly steps: readonly StepStatistics[];
}

export interface StatisticsReport {
  /** First and last day of the period, YYYY-MM-DD (UTC). */
  readonly from: string;
  readonly to: string;
  readonly cases: number;
  /** Stored records that could not be read (another format); not in the counts. */
  readonly unreadable: number;
  readonly flows: readonly FlowStatistics[];
  /** The most frequent phrases staff typed that the bot did not recognise, most frequent first. */
  readonly unrecognised: readonly PhraseCount[];
}

const NO_ENDINGS: EndingCounts = { opgelost: 0, 'niet-opgelost': 0, doorverwijzen: 0, gestopt: 0, gewisseld: 0, verlopen: 0 };

/** Abandoned cases (stopped, another flow chosen, expired) together. */
export const abandoned = (counts: EndingCounts): number => [...ABANDONED_ENDINGS].reduce((sum, ending) => sum + counts[ending], 0);

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : Math.round(((sorted[middle - 1] ?? upper) + upper) / 2);
}

function count(records: readonly StatisticsRecord[]): EndingCounts {
  const counts = { ...NO_ENDINGS };
  for (const r of records) counts[r.ending] += 1;
  return counts;
}

/**
 * Per flow (in menu order) and per step (in file order, then steps of older versions): how many
 * cases reached the step, how many ended there resolved, unresolved, referred or abandoned, and
 * the median duration. A case that passes a step twice ("controleer opnieuw") counts once.
 */
export function buildReport(
  catalog: FlowCatalog,
  records: readonly StatisticsRecord[],
  period: { readonly from: string; readonly to: string; readonly unreadable?: number; readonly unrecognised?: readonly PhraseCount[] },
): StatisticsReport {
  const byFlow = new Map<string, StatisticsRecord[]>();
  for (const r of records) byFlow.set(r.flowId, [...(byFlow.get(r.flowId) ?? []), r]);
  const flowIds = [...catalog.flows.map((f) => f.id), ...[...byFlow.keys()].filter((id) => !catalog.flow(id)).sort()];

  const flows = flowIds.map((flowId): FlowStatistics => {
    const flow = catalog.flow(flowId);
    const cases = byFlow.get(flowId) ?? [];
    const stepIds = [...(flow?.nodes.map((n) => n.id) ?? [])];
    for (const r of cases) for (const id of r.path) if (!stepIds.includes(id)) stepIds.push(id);
    const steps = stepIds.map((id): StepStatistics => {
      const endedHere = cases.filter((r) => r.path.at(-1) === id);
      const title = flow ? catalog.node(flowId, id)?.title : undefined;
      return {
        id,
        title: title ?? id,
        inFlow: title !== undefined,
        reached: cases.filter((r) => r.path.includes(id)).length,
        endedHere: count(endedHere),
        medianMs: median(endedHere.map((r) => r.durationMs)),
        entered: cases.filter((r) => r.entry === id).length,
      };
    });
    return {
      id: flowId,
      title: flow?.title ?? flowId,
      versions: [...new Set(cases.map((r) => r.flowVersion))].sort((a, b) => a - b),
      cases: cases.length,
      endings: count(cases),
      medianMs: median(cases.map((r) => r.durationMs)),
      steps,
    };
  });
  return { from: period.from, to: period.to, cases: records.length, unreadable: period.unreadable ?? 0, flows, unrecognised: period.unrecognised ?? [] };
}
