import type { Logger } from '../logging/logger.js';
import type { CaseEnding } from '../troubleshooting/case-ending.js';
import type { CaseState } from '../troubleshooting/case-state.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { CaseStatistics } from './case-statistics.js';
import { DEFAULT_REPORT_DAYS, lastDays } from './report-period.js';
import { reportFromTally, type StatisticsReport } from './statistics-report.js';
import { dayOf, statisticsRecord, type KeyedStatisticsRecord } from './statistics-record.js';
import type { StatisticsStore } from './statistics-store.js';
import type { UnrecognisedPhrases } from './unrecognised-phrases.js';

export interface StoredCaseStatisticsDeps {
  readonly catalog: FlowCatalog;
  readonly store: StatisticsStore;
  /** Typed phrases the bot did not recognise: the report lists the most frequent. */
  readonly unrecognised?: UnrecognisedPhrases;
  readonly now: () => Date;
  readonly log: Logger;
  /** Days the report covers; default {@link DEFAULT_REPORT_DAYS}. */
  readonly reportDays?: number;
}

/** {@link CaseStatistics} in the bot's storage. */
export class StoredCaseStatistics implements CaseStatistics {
  constructor(private readonly deps: StoredCaseStatisticsDeps) {}

  recordFor(state: CaseState, ending: CaseEnding, lastNodeId: string | undefined, endedAt: Date): KeyedStatisticsRecord {
    return statisticsRecord(this.deps.catalog, state, ending, endedAt, lastNodeId);
  }

  async record({ id, record }: KeyedStatisticsRecord): Promise<void> {
    await this.deps.store.put(id, record);
    this.deps.log.info({ event: 'statistics.recorded', flow: record.flowId, ending: record.ending, steps: record.path.length }, 'case recorded for statistics');
  }

  /**
   * Reads the report period once, so the compacted days and today's records are in memory (and
   * yesterday compacted) before anyone asks: run at start-up, in the background.
   */
  async prepare(): Promise<void> {
    await this.report();
  }

  async report(): Promise<StatisticsReport> {
    const now = this.deps.now();
    const days = lastDays(now, this.deps.reportDays ?? DEFAULT_REPORT_DAYS);
    const { tally, unreadable } = await this.deps.store.read(days, { compactBefore: dayOf(now) });
    const unrecognised = (await this.deps.unrecognised?.top(days)) ?? [];
    return reportFromTally(this.deps.catalog, tally, { from: days[0] ?? '', to: days.at(-1) ?? '', unreadable, unrecognised });
  }
}
