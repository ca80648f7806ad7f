import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { listen } from '../../src/server.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpDesk, textOf, type HttpReply } from '../support/http-desk.js';
import { silentLogger } from '../support/logs.js';
import { MemoryStore } from '../../src/storage/memory-store.js';

/**
 * Personal chat, group chat and team channel, with the activities Teams sends (and the Microsoft
 * 365 Agents Playground imitates, see `npm run playground`): on install an `installationUpdate`
 * and a `conversationUpdate` whose membersAdded holds the bot (in a personal chat also the user).
 */
const TENANT = { id: '00000000-0000-0000-0000-000000000001' };
const BOT = { id: '28:baliewijzer', name: 'Baliewijzer' };
const STAFF = { id: '29:balie-medewerker', name: 'Balie Medewerker', aadObjectId: '00000000-0000-0000-0000-000000000020' };
const COLLEAGUE = { id: '29:collega-1', aadObjectId: '00000000-0000-0000-0000-000000000021' };
const TEAM = { id: '19:balieteam@thread.tacv2', name: 'Balieteam Assen' };

type ChatKind = 'personal' | 'groupChat' | 'channel';

interface Chat {
  readonly conversation: { id: string; conversationType: ChatKind; isGroup?: boolean; tenantId: string };
  readonly channelData: Record<string, unknown>;
  /** membersAdded when the bot is installed here. */
  readonly botAdded: ReadonlyArray<{ id: string }>;
}

const CHATS: Readonly<Record<ChatKind, Chat>> = {
  personal: {
    conversation: { id: 'a:persoonlijke-chat', conversationType: 'personal', tenantId: TENANT.id },
    channelData: { tenant: TENANT },
    botAdded: [STAFF, BOT],
  },
  groupChat: {
    conversation: { id: '19:balie-groepschat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: TENANT.id },
    channelData: { tenant: TENANT },
    botAdded: [BOT],
  },
  channel: {
    conversation: { id: TEAM.id, conversationType: 'channel', isGroup: true, tenantId: TENANT.id },
    channelData: { tenant: TENANT, team: TEAM, eventType: 'teamMemberAdded' },
    botAdded: [BOT],
  },
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(): Promise<{ app: App; desk: (kind: ChatKind, conversationId?: string) => HttpDesk }> {
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const app = buildApp(parseConfig({ FLOWS_DIR: 'test/fixtures/flows', LOG_LEVEL: 'silent' }), silentLogger(), { store: new MemoryStore() });
  const server = await listen(app.server, 0, '127.0.0.1');
  cleanups.push(async () => {
    await server.close();
    await connector.stop();
  });
  const desk = (kind: ChatKind, conversationId = CHATS[kind].conversation.id) =>
    new HttpDesk(server.url, connector, serviceUrl, { ...CHATS[kind].conversation, id: conversationId });
  return { app, desk };
}

/** What one chat's activities have in common: who sends them, to whom, with which channelData. */
const fromTeams = (kind: ChatKind) => ({ from: STAFF, recipient: BOT, channelData: CHATS[kind].channelData, text: undefined });

async function install(desk: HttpDesk, kind: ChatKind): Promise<HttpReply[]> {
  const update = await desk.post({ ...fromTeams(kind), type: 'installationUpdate', action: 'add' });
  const added = await desk.post({ ...fromTeams(kind), type: 'conversationUpdate', membersAdded: CHATS[kind].botAdded });
  return [...update, ...added];
}

async function uninstall(desk: HttpDesk, kind: ChatKind): Promise<HttpReply[]> {
  const update = await desk.post({ ...fromTeams(kind), type: 'installationUpdate', action: 'remove' });
  const removed = await desk.post({ ...fromTeams(kind), type: 'conversationUpdate', membersRemoved: [BOT] });
  return [...update, ...removed];
}

const KINDS = [
  { kind: 'personal', place: 'personal chat' },
  { kind: 'groupChat', place: 'group chat' },
  { kind: 'channel', place: 'team (General channel)' },
] as const;

/** The greeting each kind of chat gets, from cards/messages.json. */
const greetingOf = (app: App, kind: ChatKind): string =>
  kind === 'personal' ? app.messages.welcomeHeading : kind === 'groupChat' ? app.messages.groupWelcome : app.messages.teamWelcome;

describe('the welcome when Baliewijzer is installed', () => {
  it.each(KINDS)('in a $place: installationUpdate + conversationUpdate give exactly one greeting', async ({ kind }) => {
    const { app, desk } = await start();
    const replies = await install(desk(kind), kind);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain(greetingOf(app, kind));
    if (kind === 'personal') expect(replies[0]?.card).toBeDefined(); // the welcome card with the problem menu
    else expect(replies[0]?.card).toBeUndefined(); // a text: the menu is for the chat, not for everyone in it
  });

  it.each(KINDS)('in a $place: greets once per install (removed and added again: one more greeting, none on removal)', async ({ kind }) => {
    const { app, desk } = await start();
    const chat = desk(kind);
    expect(await install(chat, kind)).toHaveLength(1);
    expect(await uninstall(chat, kind)).toHaveLength(0);
    const again = await install(chat, kind);
    expect(again).toHaveLength(1);
    expect(textOf(again)).toContain(greetingOf(app, kind));
  });

  it.each(KINDS)('in a $place: says nothing when a colleague is added', async ({ kind }) => {
    const { desk } = await start();
    const chat = desk(kind);
    await install(chat, kind);
    expect(await chat.post({ ...fromTeams(kind), type: 'conversationUpdate', membersAdded: [COLLEAGUE] })).toHaveLength(0);
  });
});

describe('answering in a group chat or team channel', () => {
  /** A channel message starts a thread: its conversation id is the channel id plus ";messageid=". */
  const places = [
    { kind: 'groupChat' as const, place: 'group chat', conversationId: CHATS.groupChat.conversation.id, channelData: { tenant: TENANT } },
    { kind: 'channel' as const, place: 'channel thread', conversationId: `${TEAM.id};messageid=1795424961300`, channelData: { tenant: TENANT, team: { id: TEAM.id }, channel: { id: TEAM.id } } },
  ];
  const mention = { type: 'mention', text: '<at>Baliewijzer</at>', mentioned: BOT };

  it.each(places)('in a $place: answers only when @mentioned, and a card click works without a mention', async ({ kind, conversationId, channelData }) => {
    const { desk } = await start();
    const chat = desk(kind, conversationId);
    chat.from = STAFF;
    const base = { from: STAFF, recipient: BOT, channelData };

    expect(await chat.post({ ...base, text: 'proef probleem' })).toHaveLength(0);

    const answered = await chat.post({ ...base, text: '<at>Baliewijzer</at> proef probleem', entities: [mention] });
    expect(textOf(answered)).toContain('Eerste vraag');

    const clicked = await chat.click('Geen rechten');
    expect(clicked.find((r) => r.call.method === 'PUT')?.text).toContain('Gekozen: Geen rechten');
    expect(textOf(clicked.filter((r) => r.call.method === 'POST'))).toContain('Autoriseer inlogaccount');
  });
});
