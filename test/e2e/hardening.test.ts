import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { ConfigError, parseConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { ConversationPacer } from '../../src/turn/conversation-pacer.js';
import { storedConversation } from '../support/stored-conversation.js';
import { listen, type RunningServer } from '../../src/server.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpDesk, textOf } from '../support/http-desk.js';
import { memoryLogger, silentLogger } from '../support/logs.js';

const TENANT = '00000000-0000-0000-0000-0000000000aa';
const OTHER_TENANT = '99999999-0000-0000-0000-000000000099';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(env: Record<string, string> = {}, options: { store?: MemoryStore; log?: ReturnType<typeof silentLogger>; pacer?: ConversationPacer; now?: () => Date } = {}) {
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const config = parseConfig({ FLOWS_DIR: 'test/fixtures/flows', LOG_LEVEL: 'silent', ...env });
  const app: App = buildApp(config, options.log ?? silentLogger(), { store: options.store ?? new MemoryStore(), pacer: options.pacer, now: options.now });
  const server: RunningServer = await listen(app.server, 0, '127.0.0.1');
  cleanups.push(async () => {
    await server.close();
    await connector.stop();
  });
  return { app, server, connector, serviceUrl, desk: (id = 'conv-h') => new HttpDesk(server.url, connector, serviceUrl, { id, conversationType: 'personal' }) };
}

const postRaw = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('authentication', () => {
  it('with MicrosoftAppId set, rejects a request without or with a bad token (401) and processes nothing', async () => {
    const { server, connector, desk } = await start({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: TENANT,
    });
    const activity = JSON.stringify(desk().activity({ text: 'klant kan niet inloggen' }));
    expect((await postRaw(server.url, activity)).status).toBe(401);
    expect((await postRaw(server.url, activity, { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' })).status).toBe(401);
    expect(connector.attempts).toHaveLength(0);
  });

  it('refuses to start in production without credentials, naming the variable', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId: required in production/);
  });

  it('names each bad variable', () => {
    expect(() => parseConfig({ PORT: 'abc', MicrosoftAppType: 'Nope', ALLOWED_TENANT_IDS: 'x' })).toThrow(/PORT[\s\S]*MicrosoftAppType[\s\S]*ALLOWED_TENANT_IDS/);
    expect(() => parseConfig({ MicrosoftAppId: 'id', MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'p' })).toThrow(/MicrosoftAppTenantId: required/);
    expect(parseConfig({ MicrosoftAppType: 'userassignedmsi' }).MicrosoftAppType).toBe('UserAssignedMSI');
  });
});

describe('tenant allow-list', () => {
  it('answers the allowed tenant and gives another tenant no answer, no state and a log line without content', async () => {
    const logs = memoryLogger();
    const store = new MemoryStore();
    const { server, connector, desk } = await start({ ALLOWED_TENANT_IDS: TENANT }, { store, log: logs.log });
    expect(textOf(await desk('allowed').say('proef probleem'))).toContain('Eerste vraag');

    const before = connector.attempts.length;
    const stranger = desk('stranger').activity({ text: 'proef probleem Jan Jansen', channelData: { tenant: { id: OTHER_TENANT } } });
    const response = await postRaw(server.url, JSON.stringify(stranger));
    expect(response.status).toBe(403);
    expect(connector.attempts.length).toBe(before);
    // The allowed chat has a stored conversation, the stranger none.
    expect(await storedConversation(store, 'allowed')).toBeDefined();
    expect(await storedConversation(store, 'stranger')).toBeUndefined();
    const line = logs.lines().find((l) => l.includes('tenant.rejected'));
    expect(line).toBeDefined();
    expect(line).not.toContain('Jan');
    expect(line).not.toContain(OTHER_TENANT);
  });
});

describe('bad input', () => {
  it('answers malformed JSON, missing fields and wrong types with 400, too large with 413', async () => {
    const { server, connector } = await start();
    expect((await postRaw(server.url, '{"type": ')).status).toBe(400);
    expect((await postRaw(server.url, '[]')).status).toBe(400);
    expect((await postRaw(server.url, JSON.stringify({ type: 'message', text: 'hoi' }))).status).toBe(400);
    expect((await postRaw(server.url, JSON.stringify({ type: 42, serviceUrl: 'x', channelId: 1, conversation: 'c' }))).status).toBe(400);
    expect((await postRaw(server.url, JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }))).status).toBe(413);
    expect((await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hallo' })).status).toBe(415);
    expect(connector.attempts).toHaveLength(0);
  });

  it('ignores unknown activity types and answers a forged card value in Dutch without touching the case', async () => {
    const { desk } = await start();
    const staff = desk('bad-values');
    await staff.say('proef probleem');
    expect(await staff.post({ type: 'somethingNew' })).toHaveLength(0);
    for (const value of [{ v: 1, action: 'answer', caseId: 1 }, { action: 'drop tables' }, 'tekst', [1, 2], { v: 2, action: 'menu' }]) {
      expect(textOf(await staff.post({ value }))).toContain('kan ik niet verwerken');
    }
    expect(textOf(await staff.post({ value: { v: 1, action: 'answer', caseId: 'x', node: 'vraag', step: 1, answer: 'nee' } }))).toContain('al is afgesloten of vervangen');
    expect(textOf(await staff.say('x'.repeat(20_000)))).toContain('Je bent bezig met');
    expect(textOf(await staff.click('Geen rechten'))).toContain('Autoriseer');
  });
});

describe('limits', () => {
  it('answers a flooding conversation with 429 and Retry-After, without slowing other conversations', async () => {
    // A clock that stands still: however slowly this machine posts, no token is earned back.
    const { server, desk } = await start({ RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_SECOND: '0.5' }, { now: () => new Date('2026-11-23T09:00:00Z') });
    const flooder = desk('flooder');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await postRaw(server.url, JSON.stringify(flooder.activity({ text: 'help' })));
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await postRaw(server.url, JSON.stringify(desk('calm').activity({ text: 'help' })))).status).toBe(200);
  });

  it("keeps the bot's own messages to one conversation within Teams' 7 per second: 10 quick questions, all answered, the 8th a second later", async () => {
    // The pacer on a clock that moves only when it waits: what is checked is which message waited how long, not how fast this machine is.
    let clock = 0;
    const released: number[] = [];
    const pacer = new (class extends ConversationPacer {
      override async acquire(conversationId: string): Promise<void> {
        await super.acquire(conversationId);
        released.push(clock);
      }
    })({ now: () => clock, sleep: async (ms) => void (clock += ms) });
    const { connector, desk } = await start({}, { pacer });
    const staff = desk('quick');
    for (let i = 0; i < 10; i++) await staff.say('help');

    expect(connector.calls.filter((c) => c.conversationId === 'quick')).toHaveLength(10);
    expect(released).toHaveLength(10);
    const busiestSecond = Math.max(...released.map((start) => released.filter((t) => t >= start && t < start + 1000).length));
    expect(busiestSecond).toBeLessThanOrEqual(7);
    expect(released.slice(0, 7).every((t) => t === 0)).toBe(true);
    expect(released[7]).toBeGreaterThanOrEqual(1000);
  });
});

describe('replies when Teams is busy', () => {
  const cases: ReadonlyArray<{ status: number; times: number; headers: Record<string, string>; minMs: number; why: string }> = [
    { status: 429, times: 1, headers: { 'retry-after': '1' }, minMs: 1000, why: 'Retry-After: 1 is honoured' },
    { status: 412, times: 3, headers: {}, minMs: 0, why: 'Teams holds the conversation' },
    { status: 502, times: 1, headers: {}, minMs: 0, why: 'bad gateway' },
    { status: 504, times: 1, headers: {}, minMs: 0, why: 'gateway timeout' },
  ];
  for (const { status, times, headers, minMs, why } of cases) {
    it(`gets the step card to the staff member once when the connector answers ${status} ${times}× (${why})`, async () => {
      const { connector, desk } = await start();
      connector.fault = (call, index) => (call.method === 'POST' && index < times ? { status, headers } : undefined);
      const started = Date.now();

      const replies = await desk('busy').say('proef probleem');

      expect(Date.now() - started).toBeGreaterThanOrEqual(minMs);
      expect(connector.attempts.filter((c) => c.method === 'POST')).toHaveLength(times + 1);
      expect(textOf(replies)).toContain('Proefflow · stap 1');
      expect(textOf(replies)).not.toContain('Sorry');
      expect(connector.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    });
  }
});

describe('turn errors', () => {
  it('apologises in Dutch with a code and keeps the case as it was', async () => {
    const store = new MemoryStore();
    const { desk } = await start({}, { store });
    const staff = desk('turn-error');
    await staff.say('proef probleem');
    const write = store.write.bind(store);
    let failNext = true;
    store.write = async (...args) => {
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
      return write(...args);
    };
    const failed = await staff.click('Geen rechten');
    expect(textOf(failed)).toMatch(/Sorry, er ging iets mis[\s\S]*Je casus is bewaard[\s\S]*\(code [0-9a-f]{8}\)/);
    // The failed turn was not saved: the same button on the same card works again.
    const retried = await staff.click('Geen rechten');
    expect(textOf(retried)).toContain('Autoriseer');
  });
});

describe('health', () => {
  it('is alive on /healthz and ready on /readyz, and not ready when storage fails', async () => {
    const store = new MemoryStore();
    const { server } = await start({}, { store });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/messages`, { method: 'HEAD' })).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { flows: 'ok', storage: 'ok' } });
    store.write = async () => {
      throw new Error('storage down');
    };
    const notReady = await fetch(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'not-ready', checks: { flows: 'ok', storage: 'failed' } });
  });
});

describe('logs', () => {
  it('contain no staff or customer names, e-mail addresses or typed text, and carry a correlation id per turn', async () => {
    const logs = memoryLogger('debug');
    const { desk } = await start({}, { log: logs.log });
    const staff = desk('19:private-conversation-id');
    await staff.say('proef probleem voor Jan Jansen jan@example.nl');
    await staff.click('Geen rechten');
    await staff.say('Pieter de Vries belde');
    await staff.click('Gedaan');
    await staff.click('Nog geen rechten');
    await staff.click('Deel in teamkanaal', { note: 'Geheime notitie over Marie' });
    const all = logs.lines().join('\n');
    expect(logs.lines().length).toBeGreaterThan(5);
    for (const secret of ['Jan', 'jan@example.nl', 'Pieter', 'Marie', 'Geheime', 'Balie Medewerker', '19:private-conversation-id', 'proef probleem']) {
      expect(all).not.toContain(secret);
    }
    const turnLines = logs.lines().filter((l) => l.includes('"event":"case.step"'));
    expect(turnLines.length).toBeGreaterThan(0);
    for (const line of turnLines) expect(line).toMatch(/"correlationId":"[0-9a-f-]{36}"/);
  });
});
