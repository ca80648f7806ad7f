import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { listen, type RunningServer } from '../../src/server.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { cardOf, cardText } from '../support/card-text.js';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector.js';
import { BlobStore } from '../../src/storage/blob-store.js';
import { GatedStore } from '../support/gated-store.js';
import { HttpDesk, textOf } from '../support/http-desk.js';
import { silentLogger } from '../support/logs.js';

const CONTAINER = 'baliewijzer-scale-out';
const CLICK_PROCESSED = 'Deze klik is al verwerkt.';

/** The Azurite this test project shares (test/support/global/azurite.ts). */
const azurite = { connectionString: inject('azuriteConnectionString') };
const connector = new FakeConnector();
let serviceUrl = '';
let a: BotProcess;
let b: BotProcess;
const servers: RunningServer[] = [];

beforeAll(async () => {
  serviceUrl = await connector.start();
  const env = { FLOWS_DIR: 'test/fixtures/flows', STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: CONTAINER, LOG_LEVEL: 'warn' };
  [a, b] = await Promise.all([startBotProcess(env), startBotProcess(env)]);
});

afterAll(async () => {
  for (const p of [a, b]) if (p && p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  for (const s of servers) await s.close();
  await connector.stop();
});

const visible = (call: ConnectorCall): string => {
  const card = cardOf(call.body as { attachments?: Array<{ contentType?: string; content?: unknown }> });
  return card === undefined ? String(call.body.text ?? '') : cardText(card);
};

async function together(...sends: Array<() => Promise<unknown>>): Promise<ConnectorCall[]> {
  const before = connector.calls.length;
  await Promise.all(sends.map((send) => send()));
  return connector.calls.slice(before);
}

describe('two bot processes sharing one Azurite container (STORAGE=blob), no sticky sessions', () => {
  it('complete a case whose requests alternate between the two instances, including a step back', async () => {
    const desk = new HttpDesk(a.url, connector, serviceUrl, { id: 'scale-out-1', conversationType: 'personal' });
    const on = (bot: BotProcess): HttpDesk => {
      desk.botUrl = bot.url;
      return desk;
    };
    expect(textOf(await on(a).say('proef probleem'))).toContain('stap 1');
    expect(textOf(await on(b).click('Geen rechten'))).toContain('Autoriseer inlogaccount');
    expect(textOf(await on(a).click('Vorige stap'))).toContain('Eerste vraag');
    expect(textOf(await on(b).click('Geen rechten'))).toContain('stap 2');
    expect(textOf(await on(a).click('Gedaan'))).toContain('Zijn er nu rechten?');
    const end = await on(b).click('Nog geen rechten');
    expect(textOf(end)).toContain('Doorverwijzen');
    expect(textOf(end)).toContain('1. Eerste vraag — **Geen rechten**');
    expect(textOf(end)).toContain('3. Controle — **Nog geen rechten**');
    expect(textOf(await on(a).say('stop'))).toContain('Er loopt nu geen casus');
  });

  it('the same click reaching both instances at once moves the case one step; the other answer is at most "Deze klik is al verwerkt."', async () => {
    const desk = new HttpDesk(a.url, connector, serviceUrl, { id: 'scale-out-2', conversationType: 'personal' });
    await desk.say('proef probleem');
    const click = desk.clickFields('Geen rechten');
    const toA = new HttpDesk(a.url, connector, serviceUrl, { id: 'scale-out-2', conversationType: 'personal' });
    const toB = new HttpDesk(b.url, connector, serviceUrl, { id: 'scale-out-2', conversationType: 'personal' });

    // Two clicks are two activities (two ids); the same id twice would be a re-send, tested below.
    const calls = await together(() => toA.post({ ...click, id: 'f:click-on-a' }), () => toB.post({ ...click, id: 'f:click-on-b' }));
    const posts = calls.filter((c) => c.method === 'POST').map(visible);
    expect(posts.filter((t) => t.includes('Autoriseer inlogaccount'))).toHaveLength(1);
    expect(posts.filter((t) => !t.includes('Autoriseer inlogaccount')).every((t) => t === CLICK_PROCESSED)).toBe(true);
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
    desk.seen.push(...toA.seen, ...toB.seen);
    expect(textOf(await desk.click('Gedaan'))).toContain('stap 3');
  });

  it('Teams re-sending an activity to the other instance moves the case no further: the saved answer at most, never a second step', async () => {
    const desk = new HttpDesk(a.url, connector, serviceUrl, { id: 'scale-out-3', conversationType: 'personal' });
    await desk.say('proef probleem');
    const click = { ...desk.clickFields('Geen rechten'), id: 'f:teams-activity-scale-out' };
    const first = await desk.post(click);
    expect(textOf(first)).toContain('Autoriseer inlogaccount');
    // Instance b cannot know a gave the answer (Teams re-sends when it got none): it gives the saved one again.
    desk.botUrl = b.url;
    const again = await desk.post(click);
    expect(again.map((r) => r.text)).toEqual(first.map((r) => r.text));
    expect(textOf(again)).not.toContain('stap 3');
    // Back on a, where the answer was sent: a re-send is not answered again.
    desk.botUrl = a.url;
    expect(await desk.post(click)).toEqual([]);
    expect(textOf(await desk.click('Gedaan'))).toContain('stap 3');
  });

  it('13.8 twenty simultaneous clicks on one card, spread over the two instances: one applied, the rest "Deze klik is al verwerkt.", no apology', async () => {
    const desk = new HttpDesk(a.url, connector, serviceUrl, { id: 'scale-out-twenty', conversationType: 'personal' });
    await desk.say('proef probleem');
    const click = desk.clickFields('Geen rechten');
    const toA = new HttpDesk(a.url, connector, serviceUrl, { id: 'scale-out-twenty', conversationType: 'personal' });
    const toB = new HttpDesk(b.url, connector, serviceUrl, { id: 'scale-out-twenty', conversationType: 'personal' });

    const calls = await together(...Array.from({ length: 20 }, (_, i) => () => (i % 2 === 0 ? toA : toB).post({ ...click, id: `f:twenty-${i}` })));
    const posts = calls.filter((c) => c.method === 'POST').map(visible);
    expect(posts.filter((t) => t.includes('Autoriseer inlogaccount'))).toHaveLength(1);
    expect(posts.filter((t) => t === CLICK_PROCESSED)).toHaveLength(19);
    expect(posts.filter((t) => t.includes('Sorry'))).toEqual([]);
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
  });

  it('eTag conflict on Blob: two turns that read the same version, one writes, the other runs again and says "Deze klik is al verwerkt."', async () => {
    // Two in-process instances on one gated Blob store, so both turns surely read before either writes.
    const storage = new GatedStore(new BlobStore(azurite.connectionString, CONTAINER));
    const config = parseConfig({ FLOWS_DIR: 'test/fixtures/flows', LOG_LEVEL: 'silent', STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: CONTAINER });
    const [one, two] = await Promise.all([0, 1].map(() => listen(buildApp(config, silentLogger(), { store: storage }).server, 0, '127.0.0.1')));
    if (!one || !two) throw new Error('bots did not start');
    servers.push(one, two);
    const desk = new HttpDesk(one.url, connector, serviceUrl, { id: 'scale-out-4', conversationType: 'personal' });
    await desk.say('proef probleem');
    const click = desk.clickFields('Geen rechten');
    const toOne = new HttpDesk(one.url, connector, serviceUrl, { id: 'scale-out-4', conversationType: 'personal' });
    const toTwo = new HttpDesk(two.url, connector, serviceUrl, { id: 'scale-out-4', conversationType: 'personal' });

    storage.holdReads(2);
    const calls = await together(() => toOne.post({ ...click, id: 'f:click-one' }), () => toTwo.post({ ...click, id: 'f:click-two' }));
    expect(storage.conflicts).toBe(1);
    const posts = calls.filter((c) => c.method === 'POST').map(visible);
    expect(posts.filter((t) => t.includes('Autoriseer inlogaccount'))).toHaveLength(1);
    expect(posts.filter((t) => !t.includes('Autoriseer inlogaccount'))).toEqual([CLICK_PROCESSED]);
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
  });
});
