import { ABANDONED_ENDINGS, type CaseEnding } from '../troubleshooting/case-ending.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { StatisticsRecord } from './statistics-record.js';
import { addRecords, casesIn, NO_ENDINGS, type Tally } from './statistics-tally.js';
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

/** Abandoned cases (stopped, another flow chosen, expired) together. */
export const abandoned = (counts: EndingCounts): number => [...ABANDONED_ENDINGS].reduce((sum, ending) => sum + counts[ending], 0);

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : Math.round(((sorted[middle - 1] ?? upper) + upper) / 2);
}

/** The period a report covers, records that could not be read, and the phrases not recognised in it. */
interface ReportPeriod { readonly from: string; readonly to: string; readonly unreadable?: number; readonly unrecognised?: readonly PhraseCount[] }

/**
 * Per flow (in menu order) and per step (in file order, then steps of older versions): how many
 * cases reached the step, how many ended there resolved, unresolved, referred or abandoned, and
 * the median duration. A case that passes a step twice ("controleer opnieuw") counts once.
 */
export function buildReport(catalog: FlowCatalog, records: readonly StatisticsRecord[], period: ReportPeriod): StatisticsReport {
  return reportFromTally(catalog, addRecords({}, records), period);
}

/** The report from cases already counted (compacted days, and today's records added to them). */
export function reportFromTally(catalog: FlowCatalog, tally: Tally, period: ReportPeriod): StatisticsReport {
  const flowIds = [...catalog.flows.map((f) => f.id), ...Object.keys(tally).filter((id) => !catalog.flow(id)).sort()];
  const flows = flowIds.map((flowId): FlowStatistics => {
    const flow = catalog.flow(flowId);
    const counted = tally[flowId];
    const stepIds = [...(flow?.nodes.map((n) => n.id) ?? [])];
    const inFile = new Set(stepIds);
    for (const id of Object.keys(counted?.steps ?? {})) if (!inFile.has(id)) stepIds.push(id);
    const steps = stepIds.map((id): StepStatistics => {
      const step = counted?.steps[id];
      const title = flow ? catalog.node(flowId, id)?.title : undefined;
      return { id, title: title ?? id, inFlow: title !== undefined, reached: step?.reached ?? 0, endedHere: step?.endedHere ?? { ...NO_ENDINGS }, medianMs: median(step?.durations ?? []), entered: step?.entered ?? 0 };
    });
    return {
      id: flowId,
      title: flow?.title ?? flowId,
      versions: [...(counted?.versions ?? [])].sort((a, b) => a - b),
      cases: counted?.durations.length ?? 0,
      endings: counted?.endings ?? { ...NO_ENDINGS },
      medianMs: median(counted?.durations ?? []),
      steps,
    };
  });
  return { from: period.from, to: period.to, cases: casesIn(tally), unreadable: period.unreadable ?? 0, flows, unrecognised: period.unrecognised ?? [] };
}
