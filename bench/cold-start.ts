import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { freePort, spawnServer, stopChild, waitForHealth, type ServerSpec } from './server-process.js';
import { median } from './stats.js';

export interface ColdStartFigures {
  readonly runsMs: readonly number[];
  readonly medianMs: number;
}

/** Resident memory of a started server left alone: just after start, and once V8's memory reducer has run. */
export interface IdleRssFigures {
  /** Two seconds after it first answered /healthz. */
  readonly afterStartBytes: number | undefined;
  /** After 20 seconds without requests (V8 gives back the start-up heap after about 10). */
  readonly idleBytes: number | undefined;
}

/** The resident set size of a process, from /proc/<pid>/status; undefined where there is no /proc. */
function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** From spawning the process to the first 200 on GET /healthz. */
async function startOnce(spec: ServerSpec): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const { child, url, stderrTail } = spawnServer(spec, port);
  try {
    await waitForHealth(url, child, 30_000, 5);
    return performance.now() - started;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderrTail()}`);
  } finally {
    await stopChild(child);
  }
}

/** Starts each server `runs` times, taking turns between them so machine drift hits all alike; figures in the order given. */
export async function timeColdStarts(specs: readonly ServerSpec[], runs: number): Promise<ColdStartFigures[]> {
  const times = specs.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [index, spec] of specs.entries()) times[index]?.push(await startOnce(spec));
  }
  return times.map((runsMs) => ({ runsMs, medianMs: median(runsMs) }));
}

/** Starts the server once and reads its resident memory two seconds after start and after 20 idle seconds. */
export async function measureIdleRss(spec: ServerSpec): Promise<IdleRssFigures> {
  const port = await freePort();
  const { child, url, stderrTail } = spawnServer(spec, port);
  try {
    await waitForHealth(url, child, 30_000, 5);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const afterStartBytes = rssOf(child.pid);
    await new Promise((resolve) => setTimeout(resolve, 18_000));
    return { afterStartBytes, idleBytes: rssOf(child.pid) };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderrTail()}`);
  } finally {
    await stopChild(child);
  }
}

/** A process that loads restify and botbuilder and serves /healthz: the floor for a cold start. */
export const BARE_SERVER_SCRIPT = [
  "const restify = require('restify');",
  "require('botbuilder');",
  'const server = restify.createServer();',
  "server.get('/healthz', (req, res, next) => { res.send(200, { status: 'ok' }); return next(); });",
  'server.listen(Number(process.env.PORT), process.env.HOST);',
].join(' ');
