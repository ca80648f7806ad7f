import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { freePort, spawnServer, stopChild, waitForHealth, type ServerSpec } from './server-process.js';
import { median } from './stats.js';

export interface ColdStartFigures {
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  /** Resident memory two seconds after it answered, idle, per run (undefined without /proc). */
  readonly idleRssBytes: ReadonlyArray<number | undefined>;
  readonly medianIdleRssBytes: number | undefined;
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

/** From spawning the process to the first 200 on GET /healthz; then its memory after two idle seconds. */
async function startOnce(spec: ServerSpec): Promise<{ readonly ms: number; readonly rss: number | undefined }> {
  const port = await freePort();
  const started = performance.now();
  const { child, url, stderrTail } = spawnServer(spec, port);
  try {
    await waitForHealth(url, child, 30_000, 5);
    const ms = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return { ms, rss: rssOf(child.pid) };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderrTail()}`);
  } finally {
    await stopChild(child);
  }
}

/** Starts each server `runs` times, taking turns between them so machine drift hits all alike; figures in the order given. */
export async function timeColdStarts(specs: readonly ServerSpec[], runs: number): Promise<ColdStartFigures[]> {
  const results = specs.map((): Array<{ readonly ms: number; readonly rss: number | undefined }> => []);
  for (let i = 0; i < runs; i++) {
    for (const [index, spec] of specs.entries()) results[index]?.push(await startOnce(spec));
  }
  return results.map((runsOf) => {
    const rss = runsOf.map((r) => r.rss);
    const known = rss.filter((v): v is number => v !== undefined);
    return { runsMs: runsOf.map((r) => r.ms), medianMs: median(runsOf.map((r) => r.ms)), idleRssBytes: rss, medianIdleRssBytes: known.length === 0 ? undefined : median(known) };
  });
}

/** A process that loads restify and botbuilder and serves /healthz: the floor for a cold start. */
export const BARE_SERVER_SCRIPT = [
  "const restify = require('restify');",
  "require('botbuilder');",
  'const server = restify.createServer();',
  "server.get('/healthz', (req, res, next) => { res.send(200, { status: 'ok' }); return next(); });",
  'server.listen(Number(process.env.PORT), process.env.HOST);',
].join(' ');
