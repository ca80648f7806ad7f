import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadMessages } from '../../src/cards/messages.js';
import { parseConfig } from '../../src/config.js';
import { listen, type RunningServer } from '../../src/server.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import type { Store } from '../../src/storage/store.js';
import { botButtons, cardText } from '../support/card-text.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpDesk, textOf, type Execution, type HttpReply } from '../support/http-desk.js';
import { memoryLogger, silentLogger } from '../support/logs.js';
import { storedSharedConversation } from '../support/stored-conversation.js';

/**
 * Universal Actions over real HTTP (issue 15): every case button is an Action.Execute, which Teams
 * sends as an `adaptiveCard/action` invoke and answers in the HTTP response; clients without them
 * send the Action.Submit fallback as a message, and get the same turn. The fake connector records
 * every card the bot sends or updates, and the answer to an invoke replaces the clicked card for
 * the one who clicked: HttpDesk.screen() is the chat as they see it. Whatever the route, a case
 * has exactly one card with buttons: the live one.
 */
const messages = loadMessages('cards');
const HOUR = 3_600_000;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Bot {
  readonly connector: FakeConnector;
  readonly serviceUrl: string;
  readonly server: RunningServer;
  /** The clock the bot reads (tests move it). */
  readonly clock: { now: number };
}

async function startBot(store: Store, connector?: { connector: FakeConnector; serviceUrl: string }, clock = { now: Date.parse('2026-03-02T09:00:00Z') }): Promise<Bot> {
  const fake = connector ?? (await startConnector());
  const app = buildApp(parseConfig({ FLOWS_DIR: 'test/fixtures/flows', LOG_LEVEL: 'silent', PACE_OUTGOING: 'off' }), silentLogger(), { store, now: () => new Date(clock.now) });
  const server = await listen(app.server, 0, '127.0.0.1');
  cleanups.push(() => server.close());
  return { ...fake, server, clock };
}

async function startConnector(): Promise<{ connector: FakeConnector; serviceUrl: string }> {
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  cleanups.push(() => connector.stop());
  return { connector, serviceUrl };
}

const personal = (bot: Bot, id = 'ua-persoonlijk'): HttpDesk => new HttpDesk(bot.server.url, bot.connector, bot.serviceUrl, { id, conversationType: 'personal' });

/** The cards on screen that still have buttons, by their first line and title (what a person recognises). */
const live = (desk: HttpDesk): string[] => desk.liveCards().map((c) => cardText(c.card).split('\n').slice(0, 2).join(' / '));

/** The one card with buttons must be the newest step card: its text. */
function onlyLive(desk: HttpDesk): string {
  const cards = desk.liveCards();
  expect(cards, `cards with buttons: ${JSON.stringify(live(desk))}`).toHaveLength(1);
  return cardText(cards[0]?.card);
}

/** How the clicked card looks to the one who clicked, after the turn: the answer to the invoke. */
const answered = (execution: Execution): string => cardText(execution.answer.card);

describe('one live card per case, in a personal chat, whichever way the case moves on', () => {
  it('an answer: the clicked card shows the choice, the next step is the only card with buttons', async () => {
    const staff = personal(await startBot(new MemoryStore()));
    await staff.say('proef probleem');
    const click = await staff.execute('Geen rechten');
    expect(click.answer.status).toBe(200);
    expect(answered(click)).toContain('✔ Gekozen: Geen rechten');
    expect(botButtons(click.answer.card)).toEqual([]);
    expect(onlyLive(staff)).toContain('Proefflow · stap 2');
  });

  it.each([
    { route: 'Vorige stap', closed: messages.closedBack, now: 'Proefflow · stap 1' },
    { route: 'Opnieuw', closed: messages.closedRestarted, now: 'Proefflow · stap 1' },
  ])('the $route button: the clicked card is closed ("$closed") and the card it leads to is the only one with buttons', async ({ route, closed, now }) => {
    const staff = personal(await startBot(new MemoryStore()));
    await staff.say('proef probleem');
    await staff.execute('Geen rechten');
    const click = await staff.execute(route);
    expect(answered(click)).toContain(closed);
    expect(botButtons(click.answer.card)).toEqual([]);
    expect(onlyLive(staff)).toContain(now);
  });

  it('the Stop button: the clicked card says it stopped, and only the summary card has buttons', async () => {
    const staff = personal(await startBot(new MemoryStore()));
    await staff.say('proef probleem');
    await staff.execute('Geen rechten');
    const click = await staff.execute('Stop');
    expect(answered(click)).toContain(messages.closedStopped);
    expect(textOf(click.replies)).toContain("De casus 'Proefflow' is gestopt.");
    expect(onlyLive(staff)).toContain('Samenvatting van de casus');
  });

  it.each([
    { typed: 'terug', closed: messages.closedBack, now: 'Proefflow · stap 1' },
    { typed: 'opnieuw', closed: messages.closedRestarted, now: 'Proefflow · stap 1' },
    { typed: 'stop', closed: messages.closedStopped, now: 'Samenvatting van de casus' },
    { typed: 'wat moet ik nu doen', closed: messages.closedReshown, now: 'Proefflow · stap 2' },
  ])('typing "$typed": the live card above is closed ("$closed") by its kept id', async ({ typed, closed, now }) => {
    const staff = personal(await startBot(new MemoryStore()));
    await staff.say('proef probleem');
    const click = await staff.execute('Geen rechten');
    const step2 = staff.liveCards()[0]?.activityId;
    const replies = await staff.say(typed);
    const update = replies.find((r) => r.call.method === 'PUT');
    expect(update?.call.activityId).toBe(step2);
    expect(update?.text).toContain(closed);
    expect(onlyLive(staff)).toContain(now);
    expect(click.answer.status).toBe(200);
  });

  it('another problem from the menu while a case is open: its live card says so, the new case has the only card with buttons', async () => {
    const staff = personal(await startBot(new MemoryStore()));
    await staff.say('proef probleem');
    await staff.execute('Geen rechten');
    await staff.say('menu');
    const click = await staff.execute('Proefflow');
    expect(click.answer.message).toBe(messages.clickAnswered); // the menu stays as it is
    const closed = click.replies.find((r) => r.call.method === 'PUT');
    expect(closed?.text).toContain(messages.closedSwitched);
    expect(live(staff)).toEqual(['Waar loopt de klant tegenaan? / Kies het probleem, typ het in je eigen woorden of plak de foutmelding.', 'Proefflow · stap 1 / Eerste vraag']);
  });

  it('the end of a case: the last answer is shown, the end card has no buttons, the summary card has them', async () => {
    const staff = personal(await startBot(new MemoryStore()));
    await staff.say('proef probleem');
    await staff.execute('Geen rechten');
    await staff.execute('Gedaan');
    const click = await staff.execute('Nog geen rechten');
    expect(answered(click)).toContain('✔ Gekozen: Nog geen rechten');
    expect(textOf(click.replies)).toContain('Doorverwijzen');
    expect(onlyLive(staff)).toContain('Samenvatting van de casus');
  });

  it('expiry: a click on a case untouched for longer than its lifetime closes its card as expired and offers the menu', async () => {
    const bot = await startBot(new MemoryStore());
    const staff = personal(bot);
    await staff.say('proef probleem');
    bot.clock.now += 25 * HOUR;
    const click = await staff.execute('Geen rechten');
    expect(answered(click)).toContain(messages.closedExpired);
    expect(onlyLive(staff)).toContain(messages.menuHeading);
  });

  it('a restart of the bot between two clicks, and before a typed command: still one live card, closed by its kept id', async () => {
    const store = new MemoryStore();
    const connector = await startConnector();
    const first = await startBot(store, connector);
    const staff = personal(first);
    await staff.say('proef probleem');
    await staff.execute('Geen rechten');
    await first.server.close();

    const second = await startBot(store, connector);
    staff.botUrl = second.server.url;
    const click = await staff.execute('Gedaan');
    expect(answered(click)).toContain('✔ Gekozen: Gedaan');
    expect(onlyLive(staff)).toContain('Proefflow · stap 3');
    await second.server.close();

    const third = await startBot(store, connector);
    staff.botUrl = third.server.url;
    const typed = await staff.say('terug');
    expect(typed.find((r) => r.call.method === 'PUT')?.text).toContain(messages.closedBack);
    expect(onlyLive(staff)).toContain('Proefflow · stap 2');
  });

  it('the same routes on a client without Universal Actions (the Action.Submit fallback): the clicked card is updated the same way', async () => {
    const staff = personal(await startBot(new MemoryStore()));
    await staff.say('proef probleem');
    const clicks: HttpReply[][] = [await staff.click('Geen rechten'), await staff.click('Vorige stap'), await staff.click('Geen rechten'), await staff.click('Stop')];
    expect(clicks.map((replies) => replies.find((r) => r.call.method === 'PUT')?.text.match(/✔ Gekozen: Geen rechten|↩ Teruggegaan|■ Gestopt/)?.[0])).toEqual(['✔ Gekozen: Geen rechten', '↩ Teruggegaan', '✔ Gekozen: Geen rechten', '■ Gestopt']);
    expect(onlyLive(staff)).toContain('Samenvatting van de casus');
  });
});

describe('the answer to an Action.Execute', () => {
  it('is a short text for a card value the bot did not make, and nothing changes', async () => {
    const staff = personal(await startBot(new MemoryStore()));
    await staff.say('proef probleem');
    const { replies, answer } = await staff.invoke({ action: { type: 'Action.Execute', verb: 'answer', data: { v: 1, action: 'stop', caseId: 'x' } } }, undefined);
    expect(answer).toMatchObject({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: messages.invalidSubmit } });
    expect(replies).toEqual([]);
    expect(onlyLive(staff)).toContain('Proefflow · stap 1');
  });

  it('tells a click on a card of an earlier step why nothing changed, to the one who clicked only', async () => {
    const staff = personal(await startBot(new MemoryStore()));
    await staff.say('proef probleem');
    const first = staff.liveCards()[0];
    const stale = first && botButtons(first.card).find((b) => b.title === 'Rechten aanwezig');
    await staff.execute('Geen rechten');
    await staff.execute('Gedaan');
    const again = await staff.invoke({ action: { type: 'Action.Execute', verb: 'answer', data: stale?.data } }, first?.activityId);
    expect(again.answer.message).toBe(messages.staleCard.replace('{step}', '3').replace('{title}', 'Controle'));
    expect(again.replies).toEqual([]);
    expect(onlyLive(staff)).toContain('Proefflow · stap 3');
  });

  it('tells a double click it was already done', async () => {
    const staff = personal(await startBot(new MemoryStore()));
    await staff.say('proef probleem');
    const first = staff.liveCards()[0];
    const button = first && botButtons(first.card).find((b) => b.title === 'Geen rechten');
    await staff.execute('Geen rechten');
    const again = await staff.invoke({ action: { type: 'Action.Execute', verb: 'answer', data: button?.data } }, first?.activityId);
    expect(again.answer.message).toBe(messages.clickProcessed);
    expect(again.replies).toEqual([]);
  });

  it('is the same when Teams sends the click again (same activity id), and the case moves once', async () => {
    const bot = await startBot(new MemoryStore());
    const staff = personal(bot);
    await staff.say('proef probleem');
    const card = staff.liveCards()[0];
    const button = card && botButtons(card.card).find((b) => b.title === 'Geen rechten');
    const value = { action: { type: 'Action.Execute', verb: 'answer', data: button?.data } };
    const once = await staff.invoke(value, card?.activityId, { id: 'teams-invoke-1' });
    const twice = await staff.invoke(value, card?.activityId, { id: 'teams-invoke-1' });
    expect(twice.answer.body).toEqual(once.answer.body);
    expect(twice.replies).toEqual([]);
    expect(onlyLive(staff)).toContain('Proefflow · stap 2');
  });
});

describe('cases belong to who started them, in a group chat and a channel thread', () => {
  const TENANT = '00000000-0000-0000-0000-0000000000aa';
  const BOT = { id: '28:baliewijzer', name: 'Baliewijzer' };
  const OWNER = { id: '29:balie-medewerker', name: 'Balie Medewerker', aadObjectId: '00000000-0000-0000-0000-000000000020' };
  const COLLEAGUE = { id: '29:collega-1', name: 'Collega Een', aadObjectId: '00000000-0000-0000-0000-000000000021' };
  const notOwner = messages.notOwner.replace('{name}', OWNER.name);

  /** A staff member in the shared chat: their own HttpDesk (so their own screen), all on one chat and one connector. */
  function member(bot: Bot, who: typeof OWNER, chat: { id: string; conversationType: 'groupChat' | 'channel' }): HttpDesk {
    const desk = new HttpDesk(bot.server.url, bot.connector, bot.serviceUrl, { ...chat, isGroup: true, tenantId: TENANT } as { id: string; conversationType: string });
    desk.from = who;
    return desk;
  }
  const mention = (desk: HttpDesk, text: string) =>
    desk.post({ text: `<at>Baliewijzer</at> ${text}`, entities: [{ type: 'mention', text: '<at>Baliewijzer</at>', mentioned: BOT }], recipient: BOT, channelData: { tenant: { id: TENANT } } });
  /** What everyone sees of the chat: every card as the connector last got it (answers to invokes are only the clicker's). */
  const shared = (desk: HttpDesk) => desk.screen().filter((c) => desk.seen.some((r) => r.call.method !== 'ANSWER' && r.call.responseId === c.activityId));

  it('the case card names its owner and is refreshed for them alone; a colleague\'s click changes nothing and is told whose case it is, privately', async () => {
    const store = new MemoryStore();
    const bot = await startBot(store);
    const chat = { id: '19:balie-groepschat@thread.v2', conversationType: 'groupChat' as const };
    const owner = member(bot, OWNER, chat);
    const colleague = member(bot, COLLEAGUE, chat);
    await mention(owner, 'proef probleem');
    const card = owner.liveCards()[0];
    expect(cardText(card?.card)).toContain('Casus van Balie Medewerker');
    expect((card?.card as { refresh?: { userIds?: string[] } }).refresh?.userIds).toEqual([OWNER.id]);

    // The colleague sees the same message and clicks its button.
    colleague.seen.push(...owner.seen);
    const before = JSON.stringify(await storedSharedConversation(store, chat.id, OWNER.aadObjectId));
    const refused = await colleague.execute('Geen rechten', { card: card?.activityId });
    expect(refused.answer).toMatchObject({ status: 200, message: notOwner });
    expect(refused.replies).toEqual([]);
    expect(JSON.stringify(await storedSharedConversation(store, chat.id, OWNER.aadObjectId))).toBe(before);
    expect(await storedSharedConversation(store, chat.id, COLLEAGUE.aadObjectId)).toBeUndefined();

    // The owner's click works as ever.
    const click = await owner.execute('Geen rechten');
    expect(answered(click)).toContain('✔ Gekozen: Geen rechten');
    expect(cardText(onlyLiveOf(owner))).toContain('Proefflow · stap 2');
  });

  it('refreshes the live card for its owner, and shows a colleague the card without buttons, naming whose case it is', async () => {
    const bot = await startBot(new MemoryStore());
    const chat = { id: '19:balie-groepschat@thread.v2', conversationType: 'groupChat' as const };
    const owner = member(bot, OWNER, chat);
    const colleague = member(bot, COLLEAGUE, chat);
    await mention(owner, 'proef probleem');
    const id = owner.liveCards()[0]?.activityId ?? '';
    const own = await owner.refresh(id);
    // The same card as first sent: a case started by typing offers the list on its first card.
    expect(botButtons(own.answer.card).map((b) => b.title)).toEqual(['Rechten aanwezig', 'Geen rechten', 'Opnieuw', 'Stop', 'Kies uit de lijst']);
    colleague.seen.push(...owner.seen);
    const theirs = await colleague.refresh(id);
    expect(botButtons(theirs.answer.card)).toEqual([]);
    expect(cardText(theirs.answer.card)).toContain('Casus van Balie Medewerker');
    expect(theirs.replies).toEqual([]);
  });

  it('on a client without Universal Actions a colleague\'s click is refused in the chat, and still changes nothing', async () => {
    const bot = await startBot(new MemoryStore());
    const chat = { id: '19:balie-groepschat@thread.v2', conversationType: 'groupChat' as const };
    const owner = member(bot, OWNER, chat);
    const colleague = member(bot, COLLEAGUE, chat);
    await mention(owner, 'proef probleem');
    colleague.seen.push(...owner.seen);
    const replies = await colleague.click('Geen rechten');
    expect(replies.map((r) => r.text)).toEqual([notOwner]);
    expect(await owner.execute('Geen rechten')).toMatchObject({ answer: { status: 200 } });
  });

  it('a colleague cannot share someone else\'s summary either', async () => {
    const bot = await startBot(new MemoryStore());
    const chat = { id: '19:balie-groepschat@thread.v2', conversationType: 'groupChat' as const };
    const owner = member(bot, OWNER, chat);
    const colleague = member(bot, COLLEAGUE, chat);
    await mention(owner, 'proef probleem');
    await owner.execute('Rechten aanwezig');
    colleague.seen.push(...owner.seen);
    const refused = await colleague.execute('Deel in teamkanaal', { inputs: { note: 'niet van mij' } });
    expect(refused.answer.message).toBe(notOwner);
    expect(refused.replies).toEqual([]);
  });

  it('two staff members run a case each in one channel thread, side by side, each with one live card', async () => {
    const store = new MemoryStore();
    const bot = await startBot(store);
    const thread = { id: '19:balieteam@thread.tacv2;messageid=1795424961300', conversationType: 'channel' as const };
    const owner = member(bot, OWNER, thread);
    const colleague = member(bot, COLLEAGUE, thread);
    await mention(owner, 'proef probleem');
    await mention(colleague, 'proef probleem');
    await owner.execute('Geen rechten');
    await colleague.execute('Geen rechten');
    await owner.execute('Gedaan');

    // The thread as everyone sees it: one live card per case, each naming its owner.
    const view = new HttpDesk(bot.server.url, bot.connector, bot.serviceUrl, thread);
    view.seen.push(...[...owner.seen, ...colleague.seen].filter((r) => r.call.method !== 'ANSWER').sort((a, b) => a.call.at - b.call.at));
    expect(shared(view).filter((c) => botButtons(c.card).length > 0).map((c) => cardText(c.card).split('\n').slice(0, 2).join(' / '))).toEqual([
      'Proefflow · stap 2 / Casus van Collega Een',
      'Proefflow · stap 3 / Casus van Balie Medewerker',
    ]);
    // Two documents, one per staff member: each case is where its owner left it (the answers clicked, stored as one string).
    expect((await storedSharedConversation(store, thread.id, OWNER.aadObjectId))?.case).toMatchObject({ trail: 'nee verder' });
    expect((await storedSharedConversation(store, thread.id, COLLEAGUE.aadObjectId))?.case).toMatchObject({ trail: 'nee' });

    // A click on the other one's card is refused; each goes on with their own.
    const ownersCard = view.liveCards().find((c) => cardText(c.card).includes('Casus van Balie Medewerker'))?.activityId;
    colleague.seen.push(...owner.seen);
    expect((await colleague.execute('Nu wel rechten', { card: ownersCard })).answer.message).toBe(notOwner);
    expect(answered(await colleague.execute('Gedaan'))).toContain('✔ Gekozen: Gedaan');
    expect(answered(await owner.execute('Nu wel rechten'))).toContain('✔ Gekozen: Nu wel rechten');
  });
});

describe('the logs of clicks in a shared chat', () => {
  it('name no staff member, no chat and no Entra id, also for a refused click and a refresh', async () => {
    const logs = memoryLogger('debug');
    const connector = await startConnector();
    const app = buildApp(parseConfig({ FLOWS_DIR: 'test/fixtures/flows', LOG_LEVEL: 'debug', PACE_OUTGOING: 'off' }), logs.log, { store: new MemoryStore() });
    const server = await listen(app.server, 0, '127.0.0.1');
    cleanups.push(() => server.close());
    const chat = { id: '19:geheime-groep@thread.v2', conversationType: 'groupChat', isGroup: true };
    const owner = new HttpDesk(server.url, connector.connector, connector.serviceUrl, chat);
    owner.from = { id: '29:balie-geheim', name: 'Marie Geheim', aadObjectId: '00000000-0000-0000-0000-0000000000f1' };
    const colleague = new HttpDesk(server.url, connector.connector, connector.serviceUrl, chat);
    colleague.from = { id: '29:collega-geheim', name: 'Pieter Geheim', aadObjectId: '00000000-0000-0000-0000-0000000000f2' };
    await owner.post({ text: '<at>Baliewijzer</at> proef probleem', entities: [{ type: 'mention', text: '<at>Baliewijzer</at>', mentioned: { id: 'bot-1' } }] });
    colleague.seen.push(...owner.seen);
    expect((await colleague.execute('Geen rechten')).answer.message).toContain('Marie Geheim');
    await owner.execute('Geen rechten');
    const live = owner.liveCards()[0]?.activityId ?? '';
    await owner.refresh(live);
    colleague.seen.push(...owner.seen.filter((r) => r.call.method !== 'ANSWER'));
    await colleague.refresh(live);
    const back = await owner.post({ text: '<at>Baliewijzer</at> terug', entities: [{ type: 'mention', text: '<at>Baliewijzer</at>', mentioned: { id: 'bot-1' } }] });
    expect(back.find((r) => r.call.method === 'PUT')?.text).toContain(messages.closedBack);
    const all = logs.lines().join('\n');
    expect(all).toContain('"event":"case.not-owner"');
    for (const secret of ['Marie', 'Pieter', 'Geheim', 'geheime-groep', '0000000000f1', '0000000000f2']) expect(all, secret).not.toContain(secret);
  });
});

/** The one card with buttons on `desk`'s screen. */
function onlyLiveOf(desk: HttpDesk): unknown {
  const cards = desk.liveCards();
  expect(cards).toHaveLength(1);
  return cards[0]?.card;
}
