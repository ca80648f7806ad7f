import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { listen, type RunningServer } from '../../src/server.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import type { Store } from '../../src/storage/store.js';
import { HANDOVER_PREFIX } from '../../src/summaries/handover-board.js';
import { cardButtons, cardOf, cardText } from '../support/card-text.js';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector.js';
import { GatedStore } from '../support/gated-store.js';
import { HttpDesk, textOf } from '../support/http-desk.js';
import { memoryLogger, silentLogger } from '../support/logs.js';
import { waitFor } from '../support/wait-for.js';

const TEAM = { id: '19:balieteam@thread.tacv2', name: 'Balieteam Assen' };
const TENANT = '00000000-0000-0000-0000-0000000000aa';
const ANNA = { id: '29:anna', name: 'Anna de Vries', aadObjectId: '00000000-0000-0000-0000-00000000a11a' };
const BERT = { id: '29:bert', name: 'Bert Jansen', aadObjectId: '00000000-0000-0000-0000-00000000b3b3' };

interface Running {
  app: App;
  server: RunningServer;
}
const running: Running[] = [];
const connectors: FakeConnector[] = [];

async function startBot(store: Store, log = silentLogger()): Promise<Running> {
  const app = buildApp(parseConfig({ FLOWS_DIR: 'test/fixtures/flows', LOG_LEVEL: 'silent' }), log, { store, outboxPollMs: 50 });
  const server = await listen(app.server, 0, '127.0.0.1');
  app.outboxWorker.start();
  const bot = { app, server };
  running.push(bot);
  return bot;
}

afterEach(async () => {
  for (const bot of running.splice(0)) {
    await bot.app.outboxWorker.stop();
    await bot.server.close();
  }
  for (const c of connectors.splice(0)) await c.stop();
});

async function startConnector(): Promise<{ connector: FakeConnector; serviceUrl: string }> {
  const connector = new FakeConnector();
  connectors.push(connector);
  return { connector, serviceUrl: await connector.start() };
}

const cardOfBody = (body: Record<string, unknown>): unknown => cardOf(body as { attachments?: Array<{ contentType?: string; content?: unknown }> });
const visible = (call: ConnectorCall): string => {
  const card = cardOfBody(call.body);
  return card === undefined ? String(call.body.text ?? '') : cardText(card);
};

/** The card data of the button titled `title`. */
function buttonData(card: unknown, title: string): Record<string, unknown> {
  const button = cardButtons(card).find((b) => b.title === title);
  if (!button || typeof button.data !== 'object' || button.data === null) throw new Error(`no button "${title}" on:\n${cardText(card)}`);
  return button.data as Record<string, unknown>;
}

/** The bot joins the team; a staff member ends a case unresolved and shares it. Returns the channel post: its thread, message id and card. */
async function unresolvedCasePosted(bot: Running, connector: FakeConnector, serviceUrl: string): Promise<{ thread: string; messageId: string; card: unknown }> {
  const owner = new HttpDesk(bot.server.url, connector, serviceUrl, { id: 'a:personal-owner', conversationType: 'personal' });
  await owner.post({
    type: 'conversationUpdate',
    conversation: { id: TEAM.id, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    membersAdded: [{ id: 'bot-1' }],
    channelData: { eventType: 'teamMemberAdded', team: TEAM, tenant: { id: TENANT } },
  });
  await owner.say('proef probleem');
  await owner.click('Geen rechten');
  await owner.click('Gedaan');
  await owner.click('Nog geen rechten');
  await owner.click('Deel in teamkanaal', { note: 'Klant komt morgen terug' });
  const post = await waitFor(() => connector.calls.find((c) => c.method === 'POST' && c.conversationId === '' && c.createdId?.startsWith(TEAM.id)), 'the channel post');
  const card = cardOfBody(post.body.activity as Record<string, unknown>);
  return { thread: post.createdId ?? '', messageId: post.responseId ?? '', card };
}

let clicks = 0;

/** A colleague in the summary's channel thread, clicking a button of the posted card (each click its own activity id, as in Teams). */
function colleagueClick(bot: Running, connector: FakeConnector, serviceUrl: string, thread: string, staff: typeof ANNA, fields: Record<string, unknown>) {
  const desk = new HttpDesk(bot.server.url, connector, serviceUrl, { id: thread, conversationType: 'channel' });
  return desk.post({ id: `click-${staff.id}-${++clicks}`, from: staff, channelData: { team: TEAM, channel: { id: TEAM.id }, tenant: { id: TENANT } }, ...fields });
}

/** What the connector got for a conversation created for `staff` (their personal chat), in order. */
function personalChat(connector: FakeConnector, staff: { id: string }): ConnectorCall[] {
  const created = connector.calls.filter((c) => c.method === 'POST' && c.conversationId === '' && Array.isArray(c.body.members) && JSON.stringify(c.body.members).includes(`"id":"${staff.id}"`));
  const ids = new Set(created.map((c) => c.createdId));
  return connector.calls.filter((c) => c.method === 'POST' && ids.has(c.conversationId));
}

const cardUpdates = (connector: FakeConnector, thread: string, messageId: string): ConnectorCall[] => connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === thread && c.activityId === messageId);

describe('handing over an unresolved case, over HTTP with two bot instances on one store', () => {
  it('Anna and Bert click "Ik pak dit op" at once on different instances: one gets it, the card is updated once for everyone, the other hears privately who was first', async () => {
    const { connector, serviceUrl } = await startConnector();
    const store = new GatedStore(new MemoryStore(), (key) => key.startsWith(HANDOVER_PREFIX));
    const [one, two] = [await startBot(store), await startBot(store)];
    if (!one || !two) throw new Error('bots did not start');
    const { thread, messageId, card } = await unresolvedCasePosted(one, connector, serviceUrl);
    const claim = { value: buttonData(card, 'Ik pak dit op'), replyToId: messageId };

    store.holdReads(2);
    const [annaSaw, bertSaw] = await Promise.all([colleagueClick(one, connector, serviceUrl, thread, ANNA, claim), colleagueClick(two, connector, serviceUrl, thread, BERT, claim)]);
    expect(store.conflicts).toBeGreaterThanOrEqual(1);
    // Nothing was said in the channel thread; the card changed once, on the message Teams knows.
    expect([...annaSaw, ...bertSaw].filter((r) => r.call.conversationId === thread && r.call.method === 'POST')).toEqual([]);
    const updates = await waitFor(() => (cardUpdates(connector, thread, messageId).length > 0 ? cardUpdates(connector, thread, messageId) : undefined), 'the card update');
    expect(updates).toHaveLength(1);
    const winner = visible(updates[0] as ConnectorCall).includes(`Opgepakt door ${ANNA.name}`) ? ANNA : BERT;
    const loser = winner === ANNA ? BERT : ANNA;

    const told = await waitFor(() => (personalChat(connector, loser).length > 0 ? personalChat(connector, loser) : undefined), 'the private answer');
    expect(told.map(visible)).toEqual([expect.stringMatching(new RegExp(`^De casus 'Proefflow' van Balie Medewerker is al opgepakt door ${winner.name} \\(.+\\)\\. Er is niets veranderd\\.$`))]);
    expect(personalChat(connector, winner)).toEqual([]);
  });
});

describe('going on with a picked-up case in your own chat, over HTTP', () => {
  it('"Verder in mijn chat" opens Anna\'s personal chat with the case where it stopped; she finishes it there and her summary names both', async () => {
    const { connector, serviceUrl } = await startConnector();
    const logs = memoryLogger('debug');
    const bot = await startBot(new MemoryStore(), logs.log);
    const { thread, messageId, card } = await unresolvedCasePosted(bot, connector, serviceUrl);
    await colleagueClick(bot, connector, serviceUrl, thread, ANNA, { value: buttonData(card, 'Ik pak dit op'), replyToId: messageId });
    const claimed = cardOfBody((cardUpdates(connector, thread, messageId)[0] as ConnectorCall).body);
    await colleagueClick(bot, connector, serviceUrl, thread, ANNA, { value: buttonData(claimed, 'Verder in mijn chat'), replyToId: messageId });

    // Teams was asked for Anna's personal chat (she is in the team the bot is installed in), in her tenant.
    const opened = connector.calls.filter((c) => c.method === 'POST' && c.conversationId === '' && JSON.stringify(c.body.members).includes(ANNA.id));
    expect(opened).toHaveLength(1);
    expect(opened[0]?.body).toMatchObject({ isGroup: false, tenantId: TENANT, channelData: { tenant: { id: TENANT } }, bot: { id: 'bot-1' } });
    const chat = personalChat(connector, ANNA);
    expect(chat.map(visible)).toEqual([
      "Je neemt de casus 'Proefflow' over van Balie Medewerker. Je gaat verder bij stap 3; de eerdere antwoorden staan al in de casus.",
      'Notitie van Balie Medewerker: Klant komt morgen terug',
      expect.stringContaining('Zijn er nu rechten?'),
    ]);
    expect(visible(cardUpdates(connector, thread, messageId).at(-1) as ConnectorCall)).toContain('gaat verder in de eigen chat');

    // Anna answers in her own chat.
    const own = new HttpDesk(bot.server.url, connector, serviceUrl, { id: opened[0]?.createdId ?? '', conversationType: 'personal' });
    const stepCard = cardOfBody((chat[2] as ConnectorCall).body);
    const end = await own.post({ from: ANNA, value: buttonData(stepCard, 'Nu wel rechten'), replyToId: chat[2]?.responseId });
    expect(textOf(end)).toContain('Opgelost');
    expect(textOf(end)).toContain(`Medewerker\n${ANNA.name}`);
    expect(textOf(end)).toContain('Overgenomen van Balie Medewerker');
    expect(textOf(end)).toContain('3. Controle — **Nu wel rechten**');

    // The logs tell what happened without saying who, or where.
    expect(logs.lines().filter((l) => l.includes('"event":"handover.')).length).toBeGreaterThanOrEqual(3);
    for (const secret of [ANNA.name, ANNA.id, 'Balie Medewerker', 'Klant komt morgen terug', thread]) expect(logs.lines().join('\n')).not.toContain(secret);
  });
});

describe('the handover buttons as Action.Execute (Universal Actions): the invoke answers the clicker only', () => {
  it('answers "Ik pak dit op" with a message for the clicker, updates the card for everyone, and tells the next one who was first', async () => {
    const { connector, serviceUrl } = await startConnector();
    const bot = await startBot(new MemoryStore());
    const { thread, messageId, card } = await unresolvedCasePosted(bot, connector, serviceUrl);
    const invoke = async (staff: typeof ANNA): Promise<{ status: number; body: unknown }> => {
      const desk = new HttpDesk(bot.server.url, connector, serviceUrl, { id: thread, conversationType: 'channel' });
      const activity = desk.activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: `invoke-${staff.id}-${++clicks}`,
        text: undefined,
        from: staff,
        replyToId: messageId,
        channelData: { team: TEAM, channel: { id: TEAM.id }, tenant: { id: TENANT } },
        value: { action: { type: 'Action.Execute', verb: 'claim', data: buttonData(card, 'Ik pak dit op') }, trigger: 'manual' },
      });
      const response = await fetch(`${bot.server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      return { status: response.status, body: await response.json() };
    };

    expect(await invoke(ANNA)).toEqual({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining("Je hebt de casus 'Proefflow' van Balie Medewerker opgepakt.") } });
    expect(cardUpdates(connector, thread, messageId).map(visible)).toEqual([expect.stringContaining(`Opgepakt door ${ANNA.name}`)]);
    const second = await invoke(BERT);
    expect(second.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining(`is al opgepakt door ${ANNA.name}`) });
    // The invoke answered Bert; nothing went to his chat or the channel.
    expect(personalChat(connector, BERT)).toEqual([]);
    expect(cardUpdates(connector, thread, messageId)).toHaveLength(1);
  });
});

describe("'@Baliewijzer open casussen' over HTTP", () => {
  it('answers in the channel with the open cases and their buttons', async () => {
    const { connector, serviceUrl } = await startConnector();
    const bot = await startBot(new MemoryStore());
    await unresolvedCasePosted(bot, connector, serviceUrl);
    const channel = new HttpDesk(bot.server.url, connector, serviceUrl, { id: `${TEAM.id};messageid=99`, conversationType: 'channel' });
    const reply = await channel.post({
      from: BERT,
      text: '<at>Baliewijzer</at> open casussen',
      entities: [{ type: 'mention', text: '<at>Baliewijzer</at>', mentioned: { id: 'bot-1', name: 'Baliewijzer' } }],
      channelData: { team: TEAM, channel: { id: TEAM.id, name: 'Algemeen' }, tenant: { id: TENANT } },
    });
    expect(reply).toHaveLength(1);
    expect(reply[0]?.text).toContain('Open casussen (1)');
    expect(reply[0]?.text).toContain('**Proefflow** · Doorverwezen');
    expect(reply[0]?.text).toContain('Notitie: Klant komt morgen terug');
    expect(cardButtons(reply[0]?.card).map((b) => b.title)).toEqual(['Ik pak dit op']);
  });
});
