import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logging/logger.js';
import { CaseRecords } from '../src/summaries/case-records.js';
import { enumeratePaths, longestPath, type FlowPath } from './flow-paths.js';
import { InProcessDesk, jsonBytes } from './in-process-desk.js';

/**
 * Child process (node --expose-gc): builds the app the way buildApp does by default, opens many
 * cases in distinct conversations in-process (botbuilder TestAdapter, no HTTP), and measures the
 * heap after a forced GC, plus the bytes the storage holds per conversation. Sends a
 * MemoryProbeResult to its parent over IPC.
 */

export interface MemoryProbeResult {
  readonly cases: number;
  readonly turns: number;
  /** In-process turns per second while opening the cases: the bot's own cost, no HTTP. */
  readonly inProcessTurnsPerSecond: number;
  readonly empty: NodeJS.MemoryUsage;
  readonly withCases: NodeJS.MemoryUsage;
  readonly heapBytesPerCase: number;
  readonly rssBytesPerCase: number;
  /** Mean stored conversation state over all opened cases (each at its first or second step). */
  readonly meanStateBytes: number;
  readonly longest: {
    readonly flowId: string;
    readonly clicks: number;
    /** Stored conversation state after 0, 1, … clicks; the last entry is after the end was reached. */
    readonly stateBytesByClicks: readonly number[];
    readonly midCaseStateBytes: number;
    readonly maxOpenStateBytes: number;
    /** The finished case's record (kept for "Deel in teamkanaal"). */
    readonly caseRecordBytes: number | undefined;
  };
  /** With BENCH_FINISHED_CASES: memory after each tenth of that many cases opened and finished. */
  readonly finished: ReadonlyArray<{ readonly cases: number; readonly rss: number; readonly heapUsed: number }>;
}

const gc = globalThis.gc;
if (typeof gc !== 'function') throw new Error('run with node --expose-gc');

const settledMemory = (): NodeJS.MemoryUsage => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage();
};

const cases = Number(process.env.BENCH_CASES ?? '10000');
const finishedCases = Number(process.env.BENCH_FINISHED_CASES ?? '0');
const config = parseConfig(process.env);
const app = buildApp(config, createLogger('silent'));
const desk = new InProcessDesk(app);

const paths = enumeratePaths(app.catalog).filter((p) => p.clicks.length > 0);
const longest = longestPath(paths);
if (longest === undefined) throw new Error('no flow has a path with a click');
const menu = await desk.turn('probe-menu', { text: 'menu' });
// Warm up first, so the heap measured with no cases open already holds optimised code and caches.
for (let i = 0; i < 30; i++) await desk.walk('probe-warmup', menu, paths[i % paths.length] ?? longest, Number.MAX_SAFE_INTEGER);

/** Case i is a case of flow i mod #flows (short flows count as much as long ones), one answer in where the path allows. */
const byFlow = [...new Set(paths.map((p) => p.flowId))].map((flowId) => paths.filter((p) => p.flowId === flowId));
const openingPath = (i: number): FlowPath => {
  const flowPaths = byFlow[i % byFlow.length] ?? [];
  const path = flowPaths[Math.floor(i / byFlow.length) % flowPaths.length];
  if (path === undefined) throw new Error('no paths');
  return path;
};

const empty = settledMemory();
const started = performance.now();
// 50 staff members at a time, as at a busy desk; storage I/O of one overlaps the work of another.
const BATCH = 50;
for (let first = 0; first < cases; first += BATCH) {
  const batch = Array.from({ length: Math.min(BATCH, cases - first) }, (_, k) => first + k);
  await Promise.all(batch.map((i) => desk.walk(`probe-${i}`, menu, openingPath(i), Math.min(1, openingPath(i).clicks.length - 1))));
}
const elapsedMs = performance.now() - started;
const withCases = settledMemory();

let stateTotal = 0;
for (let i = 0; i < cases; i++) stateTotal += await desk.storedBytes(`probe-${i}`);

const byClicks: number[] = [];
const caseId = await desk.walk('probe-longest', menu, longest, longest.clicks.length, async () => {
  byClicks.push(await desk.storedBytes('probe-longest'));
});
const record = caseId === undefined ? undefined : await new CaseRecords(app.store).get(caseId);

/**
 * Cases opened and finished, by 500 staff members in their own chats, each case to one of the
 * flows' shortest ends: memory after each tenth of them, after a forced GC. Flat means nothing
 * grows with the number of cases handled (caches bounded, nothing kept per case in memory).
 */
const finished: Array<{ readonly cases: number; readonly rss: number; readonly heapUsed: number }> = [];
if (finishedCases > 0) {
  const shortest = byFlow.map((flowPaths) => flowPaths.reduce((best, p) => (p.clicks.length < best.clicks.length ? p : best)));
  const desks = 500;
  const menus = await Promise.all(Array.from({ length: desks }, (_, d) => desk.turn(`probe-finish-${d}`, { text: 'menu' })));
  const checkpoint = Math.max(1, Math.floor(finishedCases / 10));
  for (let done = 0; done < finishedCases; ) {
    const batch = Math.min(desks, finishedCases - done);
    await Promise.all(
      Array.from({ length: batch }, (_, d) => {
        const path = shortest[(done + d) % shortest.length] ?? longest;
        return desk.walk(`probe-finish-${d}`, menus[d] ?? menu, path, path.clicks.length);
      }),
    );
    done += batch;
    if (done % checkpoint < batch) {
      const memory = settledMemory();
      finished.push({ cases: done, rss: memory.rss, heapUsed: memory.heapUsed });
    }
  }
}

const result: MemoryProbeResult = {
  cases,
  turns: desk.turns,
  inProcessTurnsPerSecond: (desk.turns / elapsedMs) * 1000,
  empty,
  withCases,
  heapBytesPerCase: (withCases.heapUsed - empty.heapUsed) / cases,
  rssBytesPerCase: (withCases.rss - empty.rss) / cases,
  meanStateBytes: stateTotal / cases,
  longest: {
    flowId: longest.flowId,
    clicks: longest.clicks.length,
    stateBytesByClicks: byClicks,
    midCaseStateBytes: byClicks[Math.floor(longest.clicks.length / 2)] ?? 0,
    maxOpenStateBytes: Math.max(...byClicks.slice(0, -1)),
    caseRecordBytes: record === undefined ? undefined : jsonBytes(record),
  },
  finished,
};
if (process.send) process.send(result, () => process.exit(0));
else console.log(JSON.stringify(result, null, 2));
