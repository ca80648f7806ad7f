import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../src/logging/logger.js';
import { lastDays } from '../src/statistics/report-period.js';
import { statisticsId, type StatisticsRecord } from '../src/statistics/statistics-record.js';
import { StatisticsStore } from '../src/statistics/statistics-store.js';
import { StoredCaseStatistics } from '../src/statistics/stored-case-statistics.js';
import { FileStore } from '../src/storage/file-store.js';
import type { FlowCatalog } from '../src/troubleshooting/flow-catalog.js';
import type { FlowPath } from './flow-paths.js';
import { seededRandom } from './stats.js';

/** CPU and wall time of one `statistieken` report. */
export interface ReportTiming {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly cases: number;
}

export interface StatisticsFigures {
  readonly records: number;
  readonly days: number;
  /** The first report after the records were written: every past day read record by record and compacted. */
  readonly firstReport: ReportTiming;
  /** A new instance's first report with nothing read ahead (compacted days from storage, today's records one by one). */
  readonly cold: ReportTiming;
  /** A new instance's first report after it read ahead at start-up, as the bot does. */
  readonly afterRestart: ReportTiming;
  /** Later reports: compacted days from memory; median of 5. */
  readonly warm: ReportTiming;
}

/**
 * `statistieken` with `records` cases recorded over the last 90 days in a file store (one record
 * per case, as the bot writes them; paths from the real flows), timed as the bot runs it: CPU of
 * this process while the report is made, the first time (which compacts every past day), in a
 * fresh StatisticsStore (a restart: compacted days from disk) with nothing read ahead, after the
 * read-ahead the bot does at start-up, and then from memory.
 */
export async function timeStatistics(catalog: FlowCatalog, paths: readonly FlowPath[], records: number, seed: number): Promise<StatisticsFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'baliewijzer-bench-stats-'));
  try {
    const now = new Date();
    const days = lastDays(now, 90);
    const store = FileStore.open(dir);
    const random = seededRandom(seed);
    const writer = new StatisticsStore(store);
    const endings: ReadonlyArray<StatisticsRecord['ending']> = ['opgelost', 'opgelost', 'niet-opgelost', 'doorverwijzen', 'gestopt'];
    for (let first = 0; first < records; first += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, records - first) }, (_, k) => {
          const path = paths[Math.floor(random() * paths.length)] ?? paths[0];
          if (!path) throw new Error('no paths');
          const flow = catalog.flow(path.flowId);
          const record: StatisticsRecord = {
            v: 1,
            flowId: path.flowId,
            flowVersion: flow?.version ?? 1,
            path: path.clicks.map((c) => c.nodeId),
            ending: endings[Math.floor(random() * endings.length)] ?? 'opgelost',
            durationMs: Math.floor(random() * 600_000),
            day: days[(first + k) % days.length] ?? days[0] ?? '',
          };
          return writer.put(statisticsId(`bench-case-${first + k}`), record);
        }),
      );
    }
    const log = createLogger('silent');
    const reporter = (): StoredCaseStatistics => new StoredCaseStatistics({ catalog, store: new StatisticsStore(store), now: () => now, log });
    const first = reporter();
    const firstReport = await timeReport(first);
    // Each figure the median of 5, in alternating order: the machine's noise is larger than the differences.
    const cold: ReportTiming[] = [];
    const afterRestart: ReportTiming[] = [];
    const warm: ReportTiming[] = [];
    for (let i = 0; i < 5; i++) {
      cold.push(await timeReport(reporter()));
      const restarted = reporter();
      await restarted.prepare();
      afterRestart.push(await timeReport(restarted));
      warm.push(await timeReport(first));
    }
    return { records, days: days.length, firstReport, cold: medianOf(cold), afterRestart: medianOf(afterRestart), warm: medianOf(warm) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function medianOf(timings: readonly ReportTiming[]): ReportTiming {
  const sorted = [...timings].sort((a, b) => a.cpuMs - b.cpuMs);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (!middle) throw new Error('no timings');
  return middle;
}

async function timeReport(statistics: StoredCaseStatistics): Promise<ReportTiming> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = await statistics.report();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - started, cases: report.cases };
}
