import type { CaseEnding } from '../troubleshooting/case-ending.js';
import type { CaseState } from '../troubleshooting/case-state.js';
import type { KeyedStatisticsRecord } from './statistics-record.js';
import type { StatisticsReport } from './statistics-report.js';

/**
 * Step statistics: every finished or abandoned case is recorded without names, notes or
 * conversation ids (flow, version, the steps it passed, how it ended, how long it took), and
 * reported per flow and step. The bot gets this as a dependency, so tests can pass their own.
 */
export interface CaseStatistics {
  /** The record of a case that ended at `endedAt` on step `lastNodeId`. */
  recordFor(state: CaseState, ending: CaseEnding, lastNodeId: string | undefined, endedAt: Date): KeyedStatisticsRecord;
  /** Stores a case's record; the same case again replaces it. */
  record(keyed: KeyedStatisticsRecord): Promise<void>;
  /** The report over the recent period, as `npm run report` and the `statistieken` card show it. */
  report(): Promise<StatisticsReport>;
}
