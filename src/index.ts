import 'dotenv/config';
import { buildApp } from './app.js';
import { ConfigError, parseConfig } from './config.js';
import { createLogger } from './logging/logger.js';
import { releaseStartUpMemory } from './release-start-up-memory.js';
import { listen } from './server.js';
import { FlowLoadError } from './troubleshooting/flow-loader.js';

/** How long a shutdown may take before the process gives up and exits non-zero. */
const SHUTDOWN_LIMIT_MS = 10_000;
/**
 * How long after listening the symptom search index is built: long enough for the first health
 * checks to be answered at once, short enough that the first typed message rarely builds it itself.
 */
const SEARCH_INDEX_AFTER_MS = 500;
/** When the start-up's spare heap is given back: after the start-up work, once allocation has been low for a while (V8 looks back ~5 s). */
const RELEASE_START_UP_MEMORY_AFTER_MS = 10_000;

/** Composition root: read config, build everything, start the server. */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const log = createLogger(config.LOG_LEVEL);
  const app = buildApp(config, log);
  const running = await listen(app.server, config.PORT, config.HOST);
  app.outboxWorker.start();
  app.sweep.start();
  // The flows were checked before listening; the search index over them is not needed for that.
  setTimeout(() => app.catalog.prepareSearch(), SEARCH_INDEX_AFTER_MS).unref();
  setTimeout(releaseStartUpMemory, RELEASE_START_UP_MEMORY_AFTER_MS).unref();
  // The statistics card reads 90 days: have the past days in memory before the first statistieken.
  setImmediate(() => {
    app.statistics.prepare().catch((error: unknown) => log.warn({ event: 'statistics.prepare-failed', err: error instanceof Error ? error.message : 'unknown' }, 'statistics not read ahead'));
  });
  app.notices.start();
  app.handoverDigest?.start();
  const reach = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'every network interface' : 'this machine only';
  log.info({ event: 'server.listening', address: running.address, url: running.url }, `Baliewijzer listening on ${running.address} (${reach}): ${running.url}/api/messages`);

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    log.info({ event: 'server.stopping', signal, inFlight: app.http.inFlight() }, 'stopping: no new requests, finishing turns in flight');
    setTimeout(() => {
      log.error({ event: 'server.stop-timeout' }, 'shutdown took too long');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    // Stop accepting; open keep-alive sockets are not waited for, turns in flight are.
    void running.close();
    const drained = await app.http.drain(SHUTDOWN_LIMIT_MS - 2_000);
    await app.outboxWorker.stop();
    await app.sweep.stop();
    app.notices.stop();
    await app.handoverDigest?.stop();
    log.info({ event: 'server.stopped', drained, ms: Date.now() - started }, 'stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Start-up failures are for the person starting the bot: print them plainly, then stop.
  if (error instanceof FlowLoadError || error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`Baliewijzer could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
