import { ContainerClient } from '@azure/storage-blob';
import { chmod, chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { listen } from '../../src/server.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { silentLogger } from '../support/logs.js';

/** /readyz must fail when the storage cannot take writes, not only when it cannot be read (issue 13, item 13). */
const NOBODY = { uid: 65534, gid: 65534 };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const readiness = async (url: string) => {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as unknown };
};

describe('13.13 readiness on a read-only disk', () => {
  it('13.13 /readyz reports not ready while the storage folder is read-only, and ready again when it is writable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'readyz-'));
    // Root writes into any folder whatever its mode: run the bot as an ordinary user, as in production.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) await chown(dir, NOBODY.uid, NOBODY.gid);
    const bot: BotProcess = await startBotProcess({ FLOWS_DIR: 'test/fixtures/flows', STORAGE: 'file', STORAGE_DIR: dir, LOG_LEVEL: 'warn' }, undefined, undefined, asRoot ? NOBODY : undefined);
    cleanups.push(async () => {
      if (bot.child.exitCode === null) {
        bot.child.kill('SIGKILL');
        await bot.exited;
      }
      await chmod(dir, 0o700);
      await rm(dir, { recursive: true, force: true });
    });

    expect(await readiness(bot.url)).toEqual({ status: 200, body: { status: 'ready', checks: { flows: 'ok', storage: 'ok' } } });
    const filesWhenReady = (await readdir(dir)).sort();

    // The disk turns read-only: reading still works, writing does not.
    await chmod(dir, 0o500);
    expect(await readiness(bot.url)).toEqual({ status: 503, body: { status: 'not-ready', checks: { flows: 'ok', storage: 'failed' } } });
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);

    await chmod(dir, 0o700);
    expect(await readiness(bot.url)).toEqual({ status: 200, body: { status: 'ready', checks: { flows: 'ok', storage: 'ok' } } });
    // Each probe removes what it wrote.
    expect((await readdir(dir)).sort()).toEqual(filesWhenReady);
  });

  it('13.13 on Blob storage the probe is a conditional write that leaves nothing behind', async () => {
    const connectionString = inject('azuriteConnectionString');
    const config = parseConfig({ FLOWS_DIR: 'test/fixtures/flows', LOG_LEVEL: 'silent', STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString, BLOB_CONTAINER: 'readiness' });
    const app = buildApp(config, silentLogger());
    const server = await listen(app.server, 0, '127.0.0.1');
    cleanups.push(() => server.close());

    // Several probes at once (a load balancer and a platform both asking) are all answered ready.
    const answers = await Promise.all(Array.from({ length: 5 }, () => readiness(server.url)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);

    const blobs: string[] = [];
    for await (const blob of new ContainerClient(connectionString, 'readiness').listBlobsFlat()) blobs.push(blob.name);
    expect(blobs.filter((name) => name.includes('readiness'))).toEqual([]);
  });
});
