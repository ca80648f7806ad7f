import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadFlowCatalog } from '../src/troubleshooting/flow-loader.js';
import { MainThreadSchedule } from './event-loop-pauses.js';
import { median } from './stats.js';

export interface FlowsLoadFigures {
  readonly flows: number;
  readonly nodes: number;
  /** The first load in this process: yaml and zod code not yet optimised, as at start-up. */
  readonly firstMs: number;
  /** Median of the following loads. */
  readonly medianMs: number;
  /**
   * The same in CPU time of this process: on a machine shared with other work the wall time of
   * a synchronous load is mostly waiting for a core, so the target is judged on this.
   */
  readonly firstCpuMs: number;
  readonly medianCpuMs: number;
  /**
   * The main thread's CPU time alone (Linux schedstat; undefined elsewhere): the process's CPU
   * also counts V8's GC and compiler threads, which run beside the load on the other core and do
   * not make it take longer. This is what a start waits for, on any machine load.
   */
  readonly firstMainThreadMs?: number;
  readonly medianMainThreadMs?: number;
  readonly runs: number;
}

/**
 * Times loadFlowCatalog (read, YAML parse, schema, graph checks) and the symptom search index on
 * `dir`. The bot builds the index just after it starts listening, not before (flow-catalog.ts);
 * it is timed here all the same, so the figure stays the whole work of loading the flows.
 */
export function timeFlowLoading(dir: string, runs: number): FlowsLoadFigures {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const mainThreadTimes: number[] = [];
  const schedule = new MainThreadSchedule();
  let flows = 0;
  let nodes = 0;
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    const ran = schedule.read()?.[0];
    const cpu = process.cpuUsage();
    const catalog = loadFlowCatalog(resolve(dir));
    catalog.prepareSearch();
    const used = process.cpuUsage(cpu);
    const ranAfter = schedule.read()?.[0];
    if (ran !== undefined && ranAfter !== undefined) mainThreadTimes.push((ranAfter - ran) / 1e6);
    times.push(performance.now() - started);
    cpuTimes.push((used.user + used.system) / 1000);
    flows = catalog.flows.length;
    nodes = catalog.flows.reduce((sum, f) => sum + f.nodes.length, 0);
  }
  schedule.close();
  const mainThread = mainThreadTimes.length === times.length ? { firstMainThreadMs: mainThreadTimes[0], medianMainThreadMs: median(mainThreadTimes.slice(1)) } : {};
  return { flows, nodes, firstMs: times[0] ?? Number.NaN, medianMs: median(times.slice(1)), firstCpuMs: cpuTimes[0] ?? Number.NaN, medianCpuMs: median(cpuTimes.slice(1)), ...mainThread, runs };
}
