import { ActivityTypes, type Activity } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { afterEach, describe, expect, it } from 'vitest';
import { BotConnector, ConnectorCallError, type ConnectorTarget } from '../../src/teams/bot-connector.js';
import { FakeConnector } from '../support/fake-connector.js';
import { silentLogger } from '../support/logs.js';

/**
 * Our client for the Bot Connector (issue 19: one keep-alive client, one serialisation; issue 13
 * item 9: every call has a timeout and a hung call is aborted), against a local fake connector.
 */
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function setUp(options: { timeoutMs?: number } = {}) {
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const client = new BotConnector({ timeoutMs: options.timeoutMs ?? 5_000, log: silentLogger(), retryBaseMs: 1 });
  stops.push(async () => {
    client.close();
    await connector.stop();
  });
  const target: ConnectorTarget = { serviceUrl, token: async () => 'token-of-the-bot' };
  return { connector, client, target, serviceUrl };
}

const card: Partial<Activity> = {
  type: ActivityTypes.Message,
  channelId: 'msteams',
  serviceUrl: 'http://example.invalid/',
  conversation: { id: '19:abc@thread.v2', isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'bot-1', name: 'Baliewijzer' },
  recipient: { id: 'staff-1', name: 'Balie Medewerker', aadObjectId: '00000000-0000-0000-0000-000000000001' },
  replyToId: 'act-7',
  locale: 'nl-NL',
  attachmentLayout: 'list',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Klant kan niet inloggen · stap 1', wrap: true }], actions: [{ type: 'Action.Submit', title: 'Geen rechten', data: { v: 1, action: 'answer', step: 1 } }] } }],
  entities: [{ type: 'mention', mentioned: { id: 'staff-1', name: 'Balie Medewerker' }, text: '<at>Balie Medewerker</at>' }],
};

describe('the Bot Connector client', () => {
  it('sends a reply with the bot token and the same JSON body as the SDK client, and hands back its id', async () => {
    const { connector, client, target, serviceUrl } = await setUp();
    const ours = await client.replyToActivity(target, '19:abc@thread.v2', 'act-7', card);
    const sdk = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: serviceUrl });
    await sdk.conversations.replyToActivity('19:abc@thread.v2', 'act-7', { ...card } as Activity);
    const [mine, theirs] = connector.calls;
    expect(ours.id).toBe(mine?.responseId);
    expect(mine?.path).toBe(theirs?.path);
    expect(mine?.path).toBe('/v3/conversations/19%3Aabc%40thread.v2/activities/act-7');
    expect(mine?.body).toEqual(theirs?.body);
    expect(mine?.authorization).toBe('Bearer token-of-the-bot');
  });

  it('updates a card with PUT and posts a channel thread with POST v3/conversations', async () => {
    const { connector, client, target } = await setUp();
    await client.updateActivity(target, 'conv-1', 'act-3', { type: ActivityTypes.Message, text: 'gekozen' });
    const thread = await client.createConversation(target, { isGroup: true, channelData: { channel: { id: '19:kanaal@thread.tacv2' } }, activity: { type: 'message', text: 'samenvatting' } });
    expect(connector.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['PUT /v3/conversations/conv-1/activities/act-3', 'POST /v3/conversations']);
    // Teams names a new channel thread after its first message.
    expect(thread.id).toBe(`19:kanaal@thread.tacv2;messageid=${connector.calls[1]?.responseId ?? '?'}`);
  });

  it('keeps its connection alive: twenty replies in a row go over one connection', async () => {
    const { connector, client, target } = await setUp();
    for (let i = 0; i < 20; i++) await client.sendToConversation(target, 'conv-1', { type: ActivityTypes.Message, text: `antwoord ${i}` });
    expect(connector.calls).toHaveLength(20);
    expect(connector.connections).toBe(1);
  });

  it('sends no Authorization header for an anonymous bot (no app id), as the SDK', async () => {
    const { connector, client, serviceUrl } = await setUp();
    await client.sendToConversation({ serviceUrl, token: async () => undefined }, 'conv-1', { type: ActivityTypes.Message, text: 'hallo' });
    expect(connector.calls[0]?.authorization).toBeUndefined();
  });

  it('tries again after 429 with a short Retry-After, and after 503 twice, then delivers once', async () => {
    const { connector, client, target } = await setUp();
    connector.fault = (_call, index) => (index === 0 ? { status: 429, headers: { 'retry-after': '0' } } : undefined);
    await client.sendToConversation(target, 'conv-1', { type: ActivityTypes.Message, text: 'een' });
    connector.fault = (_call, index) => (index === 2 || index === 3 ? { status: 503 } : undefined);
    await client.sendToConversation(target, 'conv-1', { type: ActivityTypes.Message, text: 'twee' });
    expect(connector.attempts.map((c) => c.body.text)).toEqual(['een', 'een', 'twee', 'twee', 'twee']);
    expect(connector.calls.map((c) => c.body.text)).toEqual(['een', 'twee']);
  });

  it('gives up after three attempts, and leaves a long Retry-After and 412 to the caller at once', async () => {
    const { connector, client, target } = await setUp();
    connector.fault = () => ({ status: 503 });
    await expect(client.sendToConversation(target, 'conv-1', { type: ActivityTypes.Message, text: 'een' })).rejects.toMatchObject({ statusCode: 503 });
    expect(connector.attempts).toHaveLength(3);

    connector.fault = () => ({ status: 429, headers: { 'retry-after': '60' } });
    const throttled = await client.sendToConversation(target, 'conv-1', { type: ActivityTypes.Message, text: 'twee' }).catch((error: unknown) => error);
    if (!(throttled instanceof ConnectorCallError)) throw new Error('expected the 429 to reach the caller');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.response.headers.get('Retry-After')).toBe('60');
    expect(connector.attempts).toHaveLength(4);

    connector.fault = () => ({ status: 412 });
    await expect(client.updateActivity(target, 'conv-1', 'act-1', { type: ActivityTypes.Message, text: 'drie' })).rejects.toMatchObject({ statusCode: 412 });
    expect(connector.attempts).toHaveLength(5);
  });

  it('13.9 aborts a call the connector does not answer within the timeout, once: the hung call is cut off, not carried out later', async () => {
    const { connector, client, target } = await setUp({ timeoutMs: 300 });
    connector.delayFor = (_call, index) => (index === 0 ? 75_000 : 0);
    const hung = await client.createConversation(target, { isGroup: true, activity: { type: 'message', text: 'samenvatting' } }).catch((error: unknown) => error);
    expect(hung).toBeInstanceOf(ConnectorCallError);
    expect(hung).toMatchObject({ reason: 'timeout', statusCode: undefined });
    // The connection was closed: the connector saw the bot hang up and carried nothing out.
    await expect.poll(() => connector.abandoned.length).toBe(1);
    expect(connector.attempts).toHaveLength(1);
    expect(connector.calls).toHaveLength(0);
    // The client is not stuck: the next call goes through.
    await client.createConversation(target, { isGroup: true, activity: { type: 'message', text: 'samenvatting' } });
    expect(connector.calls).toHaveLength(1);
  });
});
