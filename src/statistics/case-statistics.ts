import type { CaseState } from '../troubleshooting/case-state.js';
import type { Outcome } from '../troubleshooting/flow-schema.js';
import type { StatisticsReport } from './statistics-report.js';

/**
 * How a case ended, for the statistics: at an end step with its outcome, or abandoned by the
 * staff member (stopped, another flow chosen) or by time (the case expired unused).
 */
export type CaseEnding =
  | { readonly kind: 'finished'; readonly outcome: Outcome }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'switched' }
  | { readonly kind: 'expired' };

/**
 * Step statistics: every finished or abandoned case is recorded without names, notes or
 * conversation ids (flow, version, the steps it passed, how it ended, how long it took), and
 * reported per flow and step. The bot gets this as a dependency, so tests can pass their own.
 */
export interface CaseStatistics {
  /** Records a case that ended; recording the same case again replaces its record (a turn may run twice). */
  caseEnded(state: CaseState, ending: CaseEnding): Promise<void>;
  /** The report over the recent period, as `npm run report` and the `statistieken` card show it. */
  report(): Promise<StatisticsReport>;
}
