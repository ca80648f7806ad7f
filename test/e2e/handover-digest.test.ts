import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { listen, type RunningServer } from '../../src/server.js';
import { BlobStore } from '../../src/storage/blob-store.js';
import { cardButtons, cardOf, cardText } from '../support/card-text.js';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector.js';
import { HttpDesk } from '../support/http-desk.js';
import { silentLogger } from '../support/logs.js';

const CONTAINER = 'baliewijzer-handover-digest';
const TEAM = { id: '19:digest-team@thread.tacv2', name: 'Balieteam Emmen' };
const TENANT = '00000000-0000-0000-0000-0000000000aa';
/** The Azurite this test project shares (test/support/global/azurite.ts). */
const connectionString = inject('azuriteConnectionString');

/** One clock for every instance: the test sets the time of day (the library's, Europe/Amsterdam: UTC+1 in November). */
const clock = { now: new Date('2026-11-30T09:00:00Z') };
const connector = new FakeConnector();
let serviceUrl = '';
const servers: RunningServer[] = [];

/** A bot instance with its own Blob client on the shared container, the digest at 16:45. */
async function instance(): Promise<{ app: App; server: RunningServer }> {
  const config = parseConfig({ FLOWS_DIR: 'test/fixtures/flows', LOG_LEVEL: 'silent', STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString, BLOB_CONTAINER: CONTAINER, HANDOVER_TIME: '16:45' });
  const app = buildApp(config, silentLogger(), { store: new BlobStore(connectionString, CONTAINER), now: () => clock.now, outboxPollMs: 50 });
  const server = await listen(app.server, 0, '127.0.0.1');
  servers.push(server);
  return { app, server };
}

const digests = (): ConnectorCall[] =>
  connector.calls.filter((c) => c.method === 'POST' && c.conversationId === '' && cardText(cardOf(c.body.activity as { attachments?: Array<{ contentType?: string; content?: unknown }> })).includes('Overdracht'));

let one: { app: App; server: RunningServer };
let two: { app: App; server: RunningServer };

beforeAll(async () => {
  serviceUrl = await connector.start();
  [one, two] = [await instance(), await instance()];
  // The bot joins the team; a staff member ends a case unresolved and shares it.
  const staff = new HttpDesk(one.server.url, connector, serviceUrl, { id: 'a:personal-digest', conversationType: 'personal' });
  await staff.post({
    type: 'conversationUpdate',
    conversation: { id: TEAM.id, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    membersAdded: [{ id: 'bot-1' }],
    channelData: { eventType: 'teamMemberAdded', team: TEAM, tenant: { id: TENANT } },
  });
  await staff.say('proef probleem');
  await staff.click('Geen rechten');
  await staff.click('Gedaan');
  await staff.click('Nog geen rechten');
  await staff.click('Deel in teamkanaal');
  // Either instance's outbox worker may be the one that posts it (both poll the shared container).
  await vi.waitFor(async () => {
    await Promise.all([one.app.outboxWorker.drain(), two.app.outboxWorker.drain()]);
    expect((await one.app.handovers.openCases([TEAM.id], 20)).total).toBe(1);
  }, { timeout: 60_000, interval: 100 });
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await connector.stop();
});

const tickBoth = async (): Promise<number[]> => Promise.all([one.app.handoverDigest, two.app.handoverDigest].map((digest) => digest?.tick() ?? Promise.resolve(-1)));

describe('the daily handover digest (HANDOVER_TIME 16:45), two instances on one Blob container', () => {
  it('posts nothing before 16:45, then exactly once that day in the team channel, whichever instance looks and however often', async () => {
    clock.now = new Date('2026-11-30T15:44:00Z'); // 16:44
    expect(await tickBoth()).toEqual([0, 0]);
    expect(digests()).toHaveLength(0);

    clock.now = new Date('2026-11-30T15:50:00Z'); // 16:50
    const posted = await tickBoth();
    expect(posted.sort()).toEqual([0, 1]);
    expect(digests()).toHaveLength(1);
    const card = cardOf(digests()[0]?.body.activity as { attachments?: Array<{ contentType?: string; content?: unknown }> });
    expect(digests()[0]?.body.channelData).toMatchObject({ channel: { id: TEAM.id } });
    expect(cardText(card)).toContain('Overdracht: nog open aan het eind van de dag (1)');
    expect(cardText(card)).toContain('**Proefflow** · Doorverwezen');
    expect(cardButtons(card).map((b) => b.title)).toEqual(['Ik pak dit op']);

    clock.now = new Date('2026-11-30T20:00:00Z');
    expect(await tickBoth()).toEqual([0, 0]);
    // An instance started later that day (a restart, a scale-out) does not post it again either.
    const three = await instance();
    expect(await three.app.handoverDigest?.tick()).toBe(0);
    expect(digests()).toHaveLength(1);
  });

  it('posts again the next day while the case is still open', async () => {
    clock.now = new Date('2026-12-01T15:46:00Z');
    expect((await tickBoth()).sort()).toEqual([0, 1]);
    expect(digests()).toHaveLength(2);
  });

  it('when Teams refuses the post, the day is not used up: a later look posts it', async () => {
    clock.now = new Date('2026-12-02T15:46:00Z');
    connector.fault = (call) => (call.method === 'POST' && call.conversationId === '' ? { status: 403 } : undefined);
    expect(await tickBoth()).toEqual([0, 0]);
    expect(digests()).toHaveLength(2);
    connector.fault = undefined;
    clock.now = new Date('2026-12-02T15:47:00Z');
    expect((await tickBoth()).sort()).toEqual([0, 1]);
    expect(digests()).toHaveLength(3);
  });

  it('posts nothing once nobody is left to pick anything up', async () => {
    const open = await one.app.handovers.openCases([TEAM.id], 20);
    const caseId = open.cases[0]?.caseId ?? '';
    await one.app.handovers.claim(TEAM.id, caseId, { id: '29:anna', name: 'Anna' }, clock.now);
    clock.now = new Date('2026-12-03T15:46:00Z');
    expect(await tickBoth()).toEqual([0, 0]);
    expect(digests()).toHaveLength(3);
  });
});
