import { performance } from 'node:perf_hooks';
import { freePort, spawnServer, stopChild, waitForHealth, type ServerSpec } from './server-process.js';
import { median } from './stats.js';

export interface ColdStartFigures {
  readonly runsMs: readonly number[];
  readonly medianMs: number;
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

/** A process that loads restify and botbuilder and serves /healthz: the floor for a cold start. */
export const BARE_SERVER_SCRIPT = [
  "const restify = require('restify');",
  "require('botbuilder');",
  'const server = restify.createServer();',
  "server.get('/healthz', (req, res, next) => { res.send(200, { status: 'ok' }); return next(); });",
  'server.listen(Number(process.env.PORT), process.env.HOST);',
].join(' ');
