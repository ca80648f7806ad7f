import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpDesk, textOf } from '../support/http-desk.js';

const processes: BotProcess[] = [];
const connectors: FakeConnector[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  for (const c of connectors.splice(0)) await c.stop();
});

describe('the bot process', () => {
  it('on SIGTERM stops accepting, finishes the turn in flight and exits 0 within 10 s', async () => {
    const connector = new FakeConnector();
    connectors.push(connector);
    const serviceUrl = await connector.start();
    const bot = await startBotProcess({ FLOWS_DIR: 'test/fixtures/flows', STORAGE: 'memory' });
    processes.push(bot);
    const desk = new HttpDesk(bot.url, connector, serviceUrl, { id: 'shutdown-1' });

    connector.delayMs = 1500; // Teams is slow: the turn is still in flight when SIGTERM arrives
    const inFlight = desk.say('proef probleem');
    // The turn is in flight once its reply reached the (slow) connector.
    await vi.waitFor(() => expect(connector.attempts.length).toBeGreaterThan(0), { timeout: 15_000, interval: 20 });
    const signalled = Date.now();
    bot.child.kill('SIGTERM');

    const replies = await inFlight;
    expect(textOf(replies)).toContain('Eerste vraag');
    expect(await bot.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    await expect(fetch(`${bot.url}/healthz`)).rejects.toThrow();
    expect(bot.output()).toContain('"event":"server.stopped","drained":true');
  });

  it('started as npm start does, listens on this machine only and says where', async () => {
    const bot = await startBotProcess({ FLOWS_DIR: 'test/fixtures/flows', STORAGE: 'memory' });
    processes.push(bot);
    const port = new URL(bot.url).port;
    expect(bot.output()).toContain(`"address":"127.0.0.1:${port}"`);
    expect(bot.output()).toContain(`Baliewijzer listening on 127.0.0.1:${port} (this machine only)`);
  });

  it('refuses to start when a flow is broken, naming the file and node', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      env: { ...process.env, FLOWS_DIR: 'test/fixtures/broken-flows', PORT: '0', STORAGE: 'memory' },
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/proef\.yaml:\d+ {2}doe-iets {2}"Gedaan" verwijst naar node "bestaat-niet" die niet bestaat/);
  });

  it('refuses to start in production without credentials', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      env: { ...process.env, NODE_ENV: 'production', MicrosoftAppId: '', PORT: '0' },
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('MicrosoftAppId: required in production');
  });
});
