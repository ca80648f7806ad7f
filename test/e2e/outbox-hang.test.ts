import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector.js';
import { HttpDesk, textOf } from '../support/http-desk.js';
import { waitUntil } from '../support/wait-for.js';

/**
 * Issue 13, item 9: a Teams that hangs on a summary post. Two bot processes share one Azurite
 * container (as two instances behind one endpoint); the first channel post hangs for 75 s. With
 * every connector call aborted after CONNECTOR_TIMEOUT_MS and the outbox lease longer than a post
 * can take, the summary is posted exactly once, well before the hang would have ended. (Before:
 * no timeout, the first instance hung, and the second took the item over after the lease and
 * posted it again: two posts for one case.) Timeout and lease are shortened through config.
 */
const TEAM = { id: '19:balieteam@thread.tacv2', name: 'Balieteam Assen' };
const TENANT = '00000000-0000-0000-0000-0000000000aa';
const TIMEOUT_MS = 1_000;
const LEASE_MS = 6_000;

const azurite = inject('azuriteConnectionString');
const connector = new FakeConnector();
let serviceUrl = '';
let a: BotProcess;
let b: BotProcess;

const isChannelPost = (call: ConnectorCall): boolean => call.method === 'POST' && call.conversationId === '';

beforeAll(async () => {
  serviceUrl = await connector.start();
  // The first channel post hangs as long as the issue saw; everything else is answered at once.
  connector.delayFor = (call) => (isChannelPost(call) && connector.attempts.filter(isChannelPost).length === 1 ? 75_000 : 0);
  const env = {
    FLOWS_DIR: 'test/fixtures/flows',
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: azurite,
    BLOB_CONTAINER: 'baliewijzer-outbox-hang',
    CONNECTOR_TIMEOUT_MS: String(TIMEOUT_MS),
    OUTBOX_LEASE_MS: String(LEASE_MS),
    LOG_LEVEL: 'warn',
  };
  [a, b] = await Promise.all([startBotProcess(env), startBotProcess(env)]);
});

afterAll(async () => {
  for (const p of [a, b]) if (p && p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await connector.stop();
});

describe('13.9 a summary post that hangs, with two instances on one Blob container', () => {
  it('is aborted after the timeout and posted exactly once, not once per instance', async () => {
    const desk = new HttpDesk(a.url, connector, serviceUrl, { id: 'outbox-hang-1', conversationType: 'personal' });
    await desk.post({
      type: 'conversationUpdate',
      text: undefined,
      conversation: { id: TEAM.id, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      membersAdded: [{ id: 'bot-1' }],
      channelData: { eventType: 'teamMemberAdded', team: TEAM, tenant: { id: TENANT } },
    });
    await desk.say('proef probleem');
    await desk.click('Geen rechten');
    await desk.click('Gedaan');
    expect(textOf(await desk.click('Nog geen rechten'))).toContain('Samenvatting van de casus');
    await desk.click('Deel in teamkanaal');

    // Far sooner than the 75 s hang: the hung attempt was aborted and the post tried again.
    await waitUntil(() => connector.calls.some(isChannelPost), 'the channel post', 30_000);
    expect(connector.abandoned.filter(isChannelPost)).toHaveLength(1);
    // Longer than a lease and a timeout: neither instance posts it a second time.
    await new Promise((r) => setTimeout(r, LEASE_MS + 2 * TIMEOUT_MS));
    expect(connector.calls.filter(isChannelPost)).toHaveLength(1);
    expect(connector.attempts.filter(isChannelPost)).toHaveLength(2);
    await waitUntil(() => connector.calls.some((c) => c.method === 'PUT' && JSON.stringify(c.body).includes('Gedeeld in Balieteam Assen')), 'the shared state on the summary card', 10_000);
  });
});
