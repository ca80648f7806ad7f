import { MemoryStore } from '../../src/storage/memory-store.js';
import type { Store } from '../../src/storage/store.js';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { listen, type RunningServer } from '../../src/server.js';
import { cardOf, cardText } from '../support/card-text.js';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector.js';
import { HttpDesk, textOf } from '../support/http-desk.js';
import { silentLogger } from '../support/logs.js';
import { waitUntil } from '../support/wait-for.js';

const TEAM = { id: '19:balieteam@thread.tacv2', name: 'Balieteam Assen' };
const TENANT = '00000000-0000-0000-0000-0000000000aa';
const FAST_RETRY = { baseDelayMs: 200, maxDelayMs: 2000, maxAttempts: 6 };

interface Running {
  app: App;
  server: RunningServer;
}

const running: Running[] = [];
const connectors: FakeConnector[] = [];

async function startBot(store: Store): Promise<Running> {
  const config = parseConfig({ FLOWS_DIR: 'test/fixtures/flows', LOG_LEVEL: 'silent' });
  const app = buildApp(config, silentLogger(), { store, retry: FAST_RETRY, outboxPollMs: 50 });
  const server = await listen(app.server, 0, '127.0.0.1');
  app.outboxWorker.start();
  const bot = { app, server };
  running.push(bot);
  return bot;
}

async function stopBot(bot: Running): Promise<void> {
  await bot.app.outboxWorker.stop();
  await bot.server.close();
  running.splice(running.indexOf(bot), 1);
}

async function startConnector(): Promise<{ connector: FakeConnector; serviceUrl: string }> {
  const connector = new FakeConnector();
  connectors.push(connector);
  return { connector, serviceUrl: await connector.start() };
}

afterEach(async () => {
  for (const bot of [...running]) await stopBot(bot);
  for (const c of connectors.splice(0)) await c.stop();
});

/** Teams tells the bot it was added to a team (conversationUpdate in the General channel). */
async function installInTeam(desk: HttpDesk): Promise<void> {
  await desk.post({
    type: 'conversationUpdate',
    text: undefined,
    conversation: { id: TEAM.id, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    membersAdded: [{ id: 'bot-1' }],
    channelData: { eventType: 'teamMemberAdded', team: TEAM, tenant: { id: TENANT } },
  });
}

const channelPosts = (connector: FakeConnector): ConnectorCall[] => connector.calls.filter((c) => c.method === 'POST' && c.conversationId === '');

async function finishCase(desk: HttpDesk): Promise<string> {
  await desk.say('proef probleem');
  await desk.click('Geen rechten');
  await desk.click('Gedaan');
  const end = await desk.click('Nog geen rechten');
  return textOf(end);
}

describe('case summaries in the team channel', () => {
  it('ends a case with a summary card listing every step and answer, then posts it once to the team channel with the staff member mentioned', async () => {
    const { connector, serviceUrl } = await startConnector();
    const bot = await startBot(new MemoryStore());
    const desk = new HttpDesk(bot.server.url, connector, serviceUrl, { id: 'personal-1', conversationType: 'personal' });
    await installInTeam(desk);

    const summary = await finishCase(desk);
    expect(summary).toContain('Samenvatting van de casus');
    expect(summary).toContain('Proefflow (versie 1)');
    expect(summary).toContain('Doorverwezen');
    expect(summary).toContain('1. Eerste vraag — **Geen rechten**');
    expect(summary).toContain('2. Autoriseer — **Gedaan**');
    expect(summary).toContain('3. Controle — **Nog geen rechten**');
    expect(summary).toContain('Balie Medewerker');
    expect(summary).toContain('noteer geen klantgegevens');

    await desk.click('Deel in teamkanaal', { note: 'Klant jan@example.nl, pas 20012345678901, komt morgen terug' });
    await waitUntil(() => channelPosts(connector).length === 1, 'the channel post');
    const [post] = channelPosts(connector);
    expect(post?.body.channelData).toMatchObject({ channel: { id: TEAM.id } });
    const activity = post?.body.activity as { attachments?: Array<{ contentType?: string; content?: unknown }> };
    const card = cardOf(activity);
    const text = cardText(card);
    expect(text).toContain('Doorverwezen: Proefflow');
    expect(text).toContain('Niet opgelost: wie pakt dit op? Reageer in deze thread.');
    expect(text).toContain('Casus behandeld door <at>Balie Medewerker</at>');
    expect(text).toContain('3. Controle — **Nog geen rechten**');
    expect(text).toContain('Klant [e-mailadres verwijderd], pas [nummer verwijderd], komt morgen terug');
    expect(JSON.stringify(card)).not.toContain('jan@example.nl');
    expect(card).toMatchObject({ msteams: { entities: [{ type: 'mention', text: '<at>Balie Medewerker</at>', mentioned: { id: 'staff-1', name: 'Balie Medewerker' } }] } });

    // The staff member's summary card now says it was shared.
    await waitUntil(() => connector.calls.some((c) => c.method === 'PUT' && JSON.stringify(c.body).includes('Gedeeld in Balieteam Assen')), 'the shared state on the summary card');

    // A second click on the same card posts nothing more.
    const again = await desk.post({ value: { v: 1, action: 'share', caseId: caseIdOf(connector) } });
    expect(textOf(again)).toContain('al gedeeld');
    await new Promise((r) => setTimeout(r, 300));
    expect(channelPosts(connector)).toHaveLength(1);
  });

  it('posts exactly once when the connector answers 429 with Retry-After, then 500 twice, then 201', async () => {
    const { connector, serviceUrl } = await startConnector();
    const bot = await startBot(new MemoryStore());
    const desk = new HttpDesk(bot.server.url, connector, serviceUrl, { id: 'personal-2', conversationType: 'personal' });
    await installInTeam(desk);
    await finishCase(desk);

    const faults = [{ status: 429, headers: { 'retry-after': '1' } }, { status: 500 }, { status: 500 }];
    connector.fault = (call) => (call.method === 'POST' && call.conversationId === '' ? faults.shift() : undefined);
    const started = Date.now();
    await desk.click('Deel in teamkanaal');
    await waitUntil(() => channelPosts(connector).length === 1, 'the channel post');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // Retry-After: 1 was honoured
    expect(connector.attempts.filter((c) => c.method === 'POST' && c.conversationId === '')).toHaveLength(4);
    await new Promise((r) => setTimeout(r, 500));
    expect(channelPosts(connector)).toHaveLength(1);
  });

  it('posts exactly once when the bot restarts between a failed send and its retry', async () => {
    const store = new MemoryStore();
    const { connector, serviceUrl } = await startConnector();
    let first = await startBot(store);
    const desk = () => new HttpDesk(first.server.url, connector, serviceUrl, { id: 'personal-3', conversationType: 'personal' });
    const staff = desk();
    await installInTeam(staff);
    await finishCase(staff);

    let down = true;
    connector.fault = (call) => (down && call.method === 'POST' && call.conversationId === '' ? { status: 503 } : undefined);
    await staff.click('Deel in teamkanaal');
    await waitUntil(() => connector.calls.some((c) => c.method === 'PUT' && JSON.stringify(c.body).includes('wordt opnieuw geprobeerd')), 'the retrying state on the summary card');
    expect(channelPosts(connector)).toHaveLength(0);

    await stopBot(first);
    down = false;
    first = await startBot(store);
    await waitUntil(() => channelPosts(connector).length === 1, 'the channel post after restart');
    await new Promise((r) => setTimeout(r, 500));
    expect(channelPosts(connector)).toHaveLength(1);
  });

  it('makes the channel where "@Baliewijzer samenvattingen hier" is typed the summary channel', async () => {
    const { connector, serviceUrl } = await startConnector();
    const bot = await startBot(new MemoryStore());
    const personal = new HttpDesk(bot.server.url, connector, serviceUrl, { id: 'personal-4', conversationType: 'personal' });
    await installInTeam(personal);
    const channel = new HttpDesk(bot.server.url, connector, serviceUrl, { id: '19:casussen@thread.tacv2;messageid=1', conversationType: 'channel' });
    const reply = await channel.post({
      text: '<at>Baliewijzer</at> samenvattingen hier',
      entities: [{ type: 'mention', text: '<at>Baliewijzer</at>', mentioned: { id: 'bot-1', name: 'Baliewijzer' } }],
      channelData: { team: TEAM, channel: { id: '19:casussen@thread.tacv2', name: 'Casussen' }, tenant: { id: TENANT } },
    });
    expect(textOf(reply)).toContain('komen voortaan in dit kanaal');

    await finishCase(personal);
    await personal.click('Deel in teamkanaal');
    await waitUntil(() => channelPosts(connector).length === 1, 'the channel post');
    expect(channelPosts(connector)[0]?.body.channelData).toMatchObject({ channel: { id: '19:casussen@thread.tacv2' } });
  });

  it('forgets a team when the bot is removed from it, and then says where summaries cannot go', async () => {
    const { connector, serviceUrl } = await startConnector();
    const bot = await startBot(new MemoryStore());
    const desk = new HttpDesk(bot.server.url, connector, serviceUrl, { id: 'personal-5', conversationType: 'personal' });
    await installInTeam(desk);
    await desk.post({
      type: 'conversationUpdate',
      conversation: { id: TEAM.id, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      membersRemoved: [{ id: 'bot-1' }],
      channelData: { eventType: 'teamMemberRemoved', team: TEAM, tenant: { id: TENANT } },
    });
    await finishCase(desk);
    const reply = await desk.click('Deel in teamkanaal');
    expect(textOf(reply)).toContain('Ik weet nog niet naar welk teamkanaal');
    expect(channelPosts(connector)).toHaveLength(0);
  });

  it('stopping a case after a step gives a summary marked Gestopt; stopping at once gives the menu', async () => {
    const { connector, serviceUrl } = await startConnector();
    const bot = await startBot(new MemoryStore());
    const desk = new HttpDesk(bot.server.url, connector, serviceUrl, { id: 'personal-6' });
    await desk.say('proef probleem');
    const atOnce = await desk.say('stop');
    expect(textOf(atOnce)).toContain('Waar loopt de klant tegenaan?');
    await desk.say('proef probleem');
    await desk.click('Geen rechten');
    const stopped = await desk.click('Stop');
    expect(textOf(stopped)).toContain('Gestopt');
    expect(textOf(stopped)).toContain('1. Eerste vraag — **Geen rechten**');
  });
});

function caseIdOf(connector: FakeConnector): string {
  const match = /"caseId":"([^"]+)"/.exec(JSON.stringify(connector.calls.map((c) => c.body)));
  return match?.[1] ?? '';
}

describe('sharing before the bot knows a team channel (issue 14 item 17)', () => {
  it('names the channel it will use and how to choose one, keeps the typed note, and posts it once the team is known', async () => {
    const { connector, serviceUrl } = await startConnector();
    const bot = await startBot(new MemoryStore());
    const desk = new HttpDesk(bot.server.url, connector, serviceUrl, { id: 'no-team-yet', conversationType: 'personal' });
    await finishCase(desk);

    const first = await desk.click('Deel in teamkanaal', { note: 'Klant komt morgen terug, bel 06-12345678' });
    expect(textOf(first)).toContain('naar het kanaal Algemeen van dat team');
    expect(textOf(first)).toContain("typ daar '@Baliewijzer samenvattingen hier'");
    expect(textOf(first)).toContain('Je notitie is bewaard');
    expect(channelPosts(connector)).toHaveLength(0);

    await installInTeam(new HttpDesk(bot.server.url, connector, serviceUrl, { id: TEAM.id, conversationType: 'channel' }));
    // The second click carries no note (Teams sends the card's empty field): the kept one is used.
    await desk.click('Deel in teamkanaal', { note: '' });
    await waitUntil(() => channelPosts(connector).length === 1, 'the channel post');
    const post = JSON.stringify(channelPosts(connector)[0]?.body);
    expect(post).toContain('Klant komt morgen terug, bel [nummer verwijderd]');
    await waitUntil(() => connector.calls.some((c) => c.method === 'PUT' && JSON.stringify(c.body).includes('Gedeeld in Balieteam Assen › Algemeen')), 'the shared state naming the channel');
  });
});
