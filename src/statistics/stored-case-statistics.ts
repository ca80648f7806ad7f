import type { Logger } from '../logging/logger.js';
import type { CaseState } from '../troubleshooting/case-state.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { CaseEnding, CaseStatistics } from './case-statistics.js';
import { DEFAULT_REPORT_DAYS, lastDays } from './report-period.js';
import { buildReport, type StatisticsReport } from './statistics-report.js';
import { statisticsId, statisticsRecord } from './statistics-record.js';
import type { StatisticsStore } from './statistics-store.js';

export interface StoredCaseStatisticsDeps {
  readonly catalog: FlowCatalog;
  readonly store: StatisticsStore;
  readonly now: () => Date;
  readonly log: Logger;
  /** Days the report covers; default {@link DEFAULT_REPORT_DAYS}. */
  readonly reportDays?: number;
}

const HOUR_MS = 3_600_000;

/** {@link CaseStatistics} in the bot's storage. A failed write is logged and never stops the staff member's turn. */
export class StoredCaseStatistics implements CaseStatistics {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: StoredCaseStatisticsDeps) {}

  /**
   * Creates today's and tomorrow's statistics documents now and then every hour. A document's
   * creation is the one write without an eTag; done ahead like this, it never coincides with a
   * case end on another instance, which it could otherwise overwrite.
   */
  start(everyMs = HOUR_MS): void {
    if (this.timer) return;
    const prepare = (): void => {
      this.deps.store.prepareAhead(this.deps.now()).catch((error: unknown) => {
        this.deps.log.warn({ event: 'statistics.prepare-failed', err: error instanceof Error ? error.message : 'unknown' }, 'could not create the statistics documents ahead; the first case end will');
      });
    };
    prepare();
    this.timer = setInterval(prepare, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async caseEnded(state: CaseState, ending: CaseEnding): Promise<void> {
    const { catalog, store, now, log } = this.deps;
    const record = statisticsRecord(catalog, state, ending, now());
    try {
      await store.put(statisticsId(state.caseId), record);
      log.info({ event: 'statistics.recorded', flow: record.flowId, ending: record.ending, steps: record.path.length }, 'case recorded for statistics');
    } catch (error) {
      log.warn({ event: 'statistics.write-failed', flow: record.flowId, err: error instanceof Error ? error.message : 'unknown' }, 'case not recorded for statistics');
    }
  }

  async report(): Promise<StatisticsReport> {
    const days = lastDays(this.deps.now(), this.deps.reportDays ?? DEFAULT_REPORT_DAYS);
    const { records, unreadable } = await this.deps.store.read(days);
    return buildReport(this.deps.catalog, records, { from: days[0] ?? '', to: days.at(-1) ?? '', unreadable });
  }
}
