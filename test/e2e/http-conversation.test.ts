import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { listen, type RunningServer } from '../../src/server.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpDesk, textOf } from '../support/http-desk.js';
import { silentLogger } from '../support/logs.js';

const FLOWS_DIR = process.env.E2E_FLOWS_DIR ?? 'test/fixtures/flows';

describe('the bot over real HTTP with a fake Bot Connector', () => {
  const connector = new FakeConnector();
  let serviceUrl = '';
  let bot: RunningServer;

  beforeAll(async () => {
    serviceUrl = await connector.start();
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', FLOWS_DIR, LOG_LEVEL: 'silent', STORAGE: 'memory' });
    bot = await listen(buildApp(config, silentLogger()).server, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await bot.close();
    await connector.stop();
  });

  it('answers GET /healthz', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('walks a case by typing and clicking, posting cards and updating the clicked one', async () => {
    const desk = new HttpDesk(bot.url, connector, serviceUrl, { id: 'e2e-walk', conversationType: 'personal' });
    const first = await desk.say('proef probleem');
    expect(first).toHaveLength(1);
    expect(first[0]?.call.method).toBe('POST');
    expect(first[0]?.call.conversationId).toBe('e2e-walk');
    expect(textOf(first)).toContain('Eerste vraag');

    const second = await desk.click('Geen rechten');
    const update = second.find((r) => r.call.method === 'PUT');
    expect(update?.call.activityId).toBe(first[0]?.call.responseId);
    expect(update?.text).toContain('Gekozen: Geen rechten');
    expect(textOf(second.filter((r) => r.call.method === 'POST'))).toContain('Autoriseer inlogaccount');

    await desk.click('Gedaan');
    const end = await desk.click('Nog geen rechten');
    expect(textOf(end)).toContain('Doorverwijzen');
  });

  it('answers a malformed body with 400 and keeps serving', async () => {
    const bad = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": ' });
    expect(bad.status).toBe(400);
    const desk = new HttpDesk(bot.url, connector, serviceUrl, { id: 'e2e-after-bad' });
    expect(textOf(await desk.say('help'))).toContain('Zo werkt Baliewijzer');
  });
});
