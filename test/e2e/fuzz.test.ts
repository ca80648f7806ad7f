import fc from 'fast-check';
import { request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { listen, type RunningServer } from '../../src/server.js';
import { caseStateSchema } from '../../src/troubleshooting/case-state.js';
import { locate } from '../../src/troubleshooting/engine.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { storedConversation } from '../support/stored-conversation.js';
import { cardButtons, cardOf } from '../support/card-text.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpDesk } from '../support/http-desk.js';
import { silentLogger } from '../support/logs.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

/**
 * Heap in use after a full garbage collection: what the process still holds, not garbage it has
 * yet to collect. (A plain heapUsed reading depends on when the collector last ran: CI once saw
 * 350 MB of uncollected garbage where the retained growth was a few MB.)
 */
function retainedHeapMb(): number {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('could not reach the garbage collector');
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}
/**
 * POSTs on a connection of its own (no keep-alive) and resolves with the status. Generating the
 * samples blocks this process for seconds; keep-alive connections left from the set-up would then
 * be closed by the server's idle timer and reused by the client's in the same instant (ECONNRESET):
 * a race of two timers in one test process, not something a client of the bot meets.
 */
function postOnFreshConnection(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end(body);
  });
}

const CONVERSATIONS = Array.from({ length: 12 }, (_, i) => `fuzz-${i}`);
const CONCURRENCY = 8;


describe('fuzzing the real HTTP server', () => {
  const connector = new FakeConnector();
  const store = new MemoryStore();
  let app: App;
  let server: RunningServer;
  let serviceUrl = '';
  const realSubmits: unknown[] = [];

  beforeAll(async () => {
    serviceUrl = await connector.start();
    const config = parseConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_BURST: '1000', RATE_LIMIT_PER_SECOND: '1000' });
    app = buildApp(config, silentLogger(), { store });
    server = await listen(app.server, 0, '127.0.0.1');
    // Real cases to mutate: walk a few steps in every conversation and keep the card data seen.
    for (const id of CONVERSATIONS) {
      const desk = new HttpDesk(server.url, connector, serviceUrl, { id, conversationType: 'personal' });
      await desk.say('klant kan niet inloggen');
      await desk.click('Lukt niet');
      await desk.click('Gewone klant');
    }
    for (const call of connector.calls) {
      const card = cardOf(call.body as { attachments?: Array<{ contentType?: string; content?: unknown }> });
      if (card) for (const b of cardButtons(card)) if (b.data !== undefined) realSubmits.push(b.data);
    }
  });
  afterAll(async () => {
    await server.close();
    await connector.stop();
  });

  it(`survives ${RUNS} generated and mutated activities: only 2xx/4xx, no crash, open cases stay valid, memory and stored state stay bounded`, async () => {
    expect(realSubmits.length).toBeGreaterThan(10);
    const json = fc.jsonValue({ maxDepth: 3 });
    const mutatedSubmit = fc.tuple(fc.constantFrom(...realSubmits), fc.dictionary(fc.constantFrom('v', 'action', 'caseId', 'node', 'step', 'answer', 'flow', 'note', 'team'), json, { maxKeys: 3 }), fc.boolean()).map(([real, changes, drop]) => {
      const base = typeof real === 'object' && real !== null ? { ...real } : {};
      return drop ? Object.fromEntries(Object.entries({ ...base, ...changes }).filter((_, i) => i % 2 === 0)) : { ...base, ...changes };
    });
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('help', 'menu', 'TERUG', 'stop', 'opnieuw', 'samenvattingen hier', 'AUTHENTICATION.LOGOUT_DETECTED', 'geen rechten e-books', 'wachtwoord vergeten'),
      fc.string({ minLength: 5000, maxLength: 30_000 }),
    );
    const activity = fc.record(
      {
        type: fc.oneof(fc.constantFrom('message', 'conversationUpdate', 'invoke', 'event', 'installationUpdate', 'messageReaction', 'typing'), fc.string({ maxLength: 20 })),
        conversation: fc.constantFrom(...CONVERSATIONS),
        text: fc.option(text, { nil: undefined }),
        value: fc.option(fc.oneof(mutatedSubmit, json, fc.constantFrom(...realSubmits)), { nil: undefined }),
        name: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
        extra: fc.dictionary(fc.constantFrom('channelData', 'entities', 'replyToId', 'membersAdded', 'action', 'attachments', 'from', 'locale'), json, { maxKeys: 3 }),
        breakEnvelope: fc.integer({ min: 0, max: 19 }),
      },
      { requiredKeys: ['type', 'conversation', 'extra', 'breakEnvelope'] },
    );
    const samples = fc.sample(activity, { numRuns: RUNS, seed: 20261123 });

    const statuses = new Map<number, number>();
    const heapBefore = retainedHeapMb();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < samples.length; i = next++) {
        const sample = samples[i];
        if (!sample) continue;
        const desk = new HttpDesk(server.url, connector, serviceUrl, { id: sample.conversation, conversationType: 'personal' });
        const body: Record<string, unknown> = { ...desk.activity({ type: sample.type, text: sample.text, value: sample.value, name: sample.name }), ...sample.extra };
        // One in twenty breaks the envelope itself (missing or wrong-typed required fields).
        if (sample.breakEnvelope === 0) delete body.serviceUrl;
        if (sample.breakEnvelope === 1) body.conversation = 42;
        const status = await postOnFreshConnection(`${server.url}/api/messages`, JSON.stringify(body));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    const codes = [...statuses.keys()];
    expect(codes.every((s) => s >= 200 && s < 500), JSON.stringify(Object.fromEntries(statuses))).toBe(true);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    const stored = await Promise.all(CONVERSATIONS.map((id) => storedConversation(store, id)));
    expect(stored.filter((doc) => doc !== undefined)).toHaveLength(CONVERSATIONS.length);
    // The open case of a conversation is its `case` property.
    const cases = stored.flatMap((doc) => (doc?.case === undefined ? [] : [doc.case]));
    for (const raw of cases) {
      const parsed = caseStateSchema.safeParse(raw);
      expect(parsed.success, JSON.stringify(raw)).toBe(true);
      if (parsed.success) expect(locate(app.catalog, parsed.data).ok).toBe(true);
    }
    // Nothing from the fuzzed input piles up: texts of up to 30,000 characters and junk card
    // values are answered, never kept, neither in a conversation's state nor in the process.
    const sizes = stored.map((doc) => Buffer.byteLength(JSON.stringify(doc), 'utf8'));
    expect(Math.max(...sizes)).toBeLessThan(4096);
    const retainedGrowthMb = retainedHeapMb() - heapBefore;
    expect(retainedGrowthMb).toBeLessThan(64);
    process.stdout.write(
      `fuzz: ${RUNS} activities, statuses ${JSON.stringify(Object.fromEntries(statuses))}, open cases checked ${cases.length}, largest state ${Math.max(...sizes)} B, retained heap growth ${retainedGrowthMb.toFixed(1)} MB\n`,
    );
  }, 300_000);
});
