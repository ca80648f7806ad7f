import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { listen, type RunningServer } from '../../src/server.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpDesk, textOf } from '../support/http-desk.js';
import { silentLogger } from '../support/logs.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { waitUntil } from '../support/wait-for.js';

/**
 * The HTTP edge under abuse, over real sockets: what an unauthenticated caller can send before the
 * bot knows who it is (issue 13, items 1, 2, 3 and 18).
 */
const cleanups: Array<() => Promise<void>> = [];
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((socket) => socket.destroy());
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(env: Record<string, string> = {}) {
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const config = parseConfig({ FLOWS_DIR: 'test/fixtures/flows', LOG_LEVEL: 'silent', ...env });
  const app: App = buildApp(config, silentLogger(), { store: new MemoryStore() });
  const server: RunningServer = await listen(app.server, 0, '127.0.0.1');
  cleanups.push(async () => {
    await server.close();
    await connector.stop();
  });
  return { app, server, connector, serviceUrl, desk: (id = 'edge-chat') => new HttpDesk(server.url, connector, serviceUrl, { id, conversationType: 'personal' }) };
}

const post = (url: string, body: BodyInit, headers: Record<string, string>) => fetch(`${url}/api/messages`, { method: 'POST', headers, body });

/** Every file under `dir`, except the TypeScript runner's own compile cache (tsx keeps it in the temp folder). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !/[/\\]tsx-[^/\\]*[/\\]/.test(path))
    .sort();
}

/** A raw TCP connection to the server, with everything it received and whether the server closed it. */
interface RawClient {
  readonly socket: Socket;
  received(): string;
  readonly closed: Promise<void>;
  isClosed(): boolean;
}

function rawClient(port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    let text = '';
    let closed = false;
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    // A reset by the server is a close too; it is not a test failure.
    socket.on('error', () => undefined);
    const closedPromise = new Promise<void>((done) => socket.once('close', () => ((closed = true), done())));
    socket.once('connect', () => resolve({ socket, received: () => text, closed: closedPromise, isClosed: () => closed }));
    socket.once('error', reject);
  });
}

describe('13.1 request bodies', () => {
  let bot: BotProcess | undefined;
  let temp = '';
  afterEach(async () => {
    if (bot && bot.child.exitCode === null) {
      bot.child.kill('SIGKILL');
      await bot.exited;
    }
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it('13.1 multipart uploads are refused with 415 and nothing is written to disk', async () => {
    temp = await mkdtemp(join(tmpdir(), 'edge-tmp-'));
    const processTemp = join(temp, 'tmp');
    await mkdir(processTemp);
    bot = await startBotProcess({ FLOWS_DIR: 'test/fixtures/flows', STORAGE: 'memory', LOG_LEVEL: 'warn', TMPDIR: processTemp });
    const before = await filesUnder(processTemp);

    const upload = (bytes: number) => {
      const form = new FormData();
      form.append('type', 'message');
      form.append('file', new Blob([Buffer.alloc(bytes, 0x61)]), 'vulling.bin');
      return fetch(`${bot?.url}/api/messages`, { method: 'POST', body: form });
    };
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await upload(200 * 1024);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    // Uploads over MAX_BODY_BYTES: answered 415 and cut off, so the client may see only the closed connection.
    for (let i = 0; i < 5; i++) {
      const status = await upload(2 * 1024 * 1024).then(
        async (response) => (await response.arrayBuffer(), response.status),
        () => 'closed',
      );
      expect([415, 'closed']).toContain(status);
    }
    // Any body that is not JSON: refused before it is read.
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'type=message&text=hallo'],
      ['application/octet-stream', 'binary'],
      ['text/plain', 'hallo'],
      ['application/xml', '<activity/>'],
    ] as const) {
      const response = await post(bot.url, body, { 'content-type': type });
      await response.arrayBuffer();
      statuses.push(response.status);
    }

    expect(await filesUnder(processTemp)).toEqual(before);
    expect(statuses).toEqual(Array.from({ length: 24 }, () => 415));
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('13.1 a JSON activity is still accepted, also with a charset and in other letter case', async () => {
    const { server, connector, desk } = await start();
    const staff = desk();
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;Charset=UTF-8']) {
      const response = await post(server.url, JSON.stringify(staff.activity({ text: 'help' })), { 'content-type': type });
      expect(response.status, type).toBe(200);
    }
    expect(connector.calls.filter((c) => c.method === 'POST')).toHaveLength(3);
    expect((await post(server.url, JSON.stringify(staff.activity({ text: 'help' })), {})).status).toBe(415);
  });
});

describe('13.2 encoded bodies', () => {
  it('13.2 gzip, deflate and br bodies are refused with 415 before they are inflated', async () => {
    const { server, connector, desk } = await start();
    // A gzip bomb: 20 MB of JSON (whitespace) in about 20 KB.
    const bomb = Buffer.concat([Buffer.from('{"type":"message",'), Buffer.alloc(20 * 1024 * 1024, 0x20), Buffer.from('"text":"hallo"}')]);
    const json = Buffer.from(JSON.stringify(desk().activity({ text: 'help' })));
    const encoded: Array<[string, Buffer]> = [
      ['gzip', gzipSync(bomb)],
      ['gzip', gzipSync(json)],
      ['deflate', deflateSync(json)],
      ['br', brotliCompressSync(json)],
      ['x-gzip', gzipSync(json)],
      ['gzip, identity', gzipSync(json)],
    ];
    for (const [encoding, body] of encoded) {
      const response = await post(server.url, new Uint8Array(body), { 'content-type': 'application/json', 'content-encoding': encoding });
      expect(response.status, encoding).toBe(415);
    }
    expect(connector.attempts).toHaveLength(0);
    // identity is no encoding at all.
    expect((await post(server.url, new Uint8Array(json), { 'content-type': 'application/json', 'content-encoding': 'identity' })).status).toBe(200);
  });

  it('13.2 a body over MAX_BODY_BYTES gets 413 as soon as it passes the limit, while the client is still sending', async () => {
    const { server, app } = await start({ MAX_BODY_BYTES: String(64 * 1024) });
    const port = (app.server.address() as { port: number }).port;

    // Chunked, so the size is known only while reading: 100 KB sent, the request never finished.
    const chunked = await rawClient(port);
    chunked.socket.write('POST /api/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = Buffer.alloc(10 * 1024, 0x20);
    for (let i = 0; i < 10; i++) chunked.socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString('latin1')}\r\n`);
    await waitUntil(() => chunked.received().length > 0, 'an answer to the unfinished chunked body', 10_000);
    expect(chunked.received()).toMatch(/^HTTP\/1\.1 413 /);

    // A declared Content-Length over the limit is refused before a byte of the body is read.
    const declared = await rawClient(port);
    declared.socket.write('POST /api/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{"type":');
    await waitUntil(() => declared.received().length > 0, 'an answer to the announced 10 MB body', 10_000);
    expect(declared.received()).toMatch(/^HTTP\/1\.1 413 /);

    chunked.socket.destroy();
    declared.socket.destroy();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('13.3 slow clients', () => {
  it('13.3 300 dribbling connections are closed by the header and request timeouts while /healthz keeps answering', async () => {
    const { server, app } = await start({ HTTP_HEADERS_TIMEOUT_MS: '4000', HTTP_REQUEST_TIMEOUT_MS: '6000', HTTP_MAX_CONNECTIONS: '400' });
    const port = (app.server.address() as { port: number }).port;

    // A third dribble their headers, a third announce a body and dribble that, a third say nothing.
    const clients = await Promise.all(Array.from({ length: 300 }, () => rawClient(port)));
    clients.forEach((client, i) => {
      if (i % 3 === 0) client.socket.write('POST /api/messages HTTP/1.1\r\nHost: localhost\r\n');
      if (i % 3 === 1) client.socket.write('POST /api/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{');
    });
    const drip = setInterval(() => {
      clients.forEach((client, i) => {
        if (client.isClosed()) return;
        if (i % 3 === 0) client.socket.write('X-Drip: 1\r\n');
        if (i % 3 === 1) client.socket.write(' ');
      });
    }, 250);
    try {
      const health = await fetch(`${server.url}/healthz`);
      const openWhileAnswered = clients.filter((c) => !c.isClosed()).length;
      expect(health.status).toBe(200);
      expect(openWhileAnswered).toBeGreaterThan(0);

      // The server, not the client, ends every one of them; generous deadline for a busy machine.
      await Promise.race([
        Promise.all(clients.map((c) => c.closed)),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`${clients.filter((c) => !c.isClosed()).length} of 300 slow connections still open`)), 45_000)),
      ]);
      expect(clients.filter((c) => c.received().startsWith('HTTP/1.1 408')).length).toBeGreaterThan(0);
    } finally {
      clearInterval(drip);
      clients.forEach((c) => c.socket.destroy());
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('13.3 connections over HTTP_MAX_CONNECTIONS are closed at once instead of exhausting file descriptors', async () => {
    const { server, app } = await start({ HTTP_HEADERS_TIMEOUT_MS: '30000', HTTP_REQUEST_TIMEOUT_MS: '30000', HTTP_MAX_CONNECTIONS: '50' });
    const port = (app.server.address() as { port: number }).port;
    const held = await Promise.all(Array.from({ length: 50 }, () => rawClient(port)));
    // The server counts a connection once it has accepted it: let it see the first 50 before the rest arrive.
    let accepted = 0;
    await waitUntil(
      () => {
        app.server.server.getConnections((_error, count) => (accepted = count));
        return accepted >= 50;
      },
      'the server to accept the first 50 connections',
      10_000,
    );
    const extra = await Promise.all(Array.from({ length: 10 }, () => rawClient(port)));

    await Promise.race([Promise.all(extra.map((c) => c.closed)), new Promise((_, reject) => setTimeout(() => reject(new Error('connections over the cap were not closed')), 20_000))]);
    expect(held.filter((c) => c.isClosed())).toHaveLength(0);

    held.forEach((c) => c.socket.destroy());
    await waitUntil(() => held.every((c) => c.isClosed()), 'the held connections to close', 5000);
    let healthy = false;
    for (let attempt = 0; attempt < 20 && !healthy; attempt++) {
      healthy = await fetch(`${server.url}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!healthy) await new Promise((r) => setTimeout(r, 100));
    }
    expect(healthy).toBe(true);
  });
});

describe('13.3 slow-client settings', () => {
  it('13.3 a header timeout longer than the request timeout stops the bot at start, naming the variable', () => {
    expect(() => parseConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '15000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS/);
    expect(parseConfig({})).toMatchObject({ HTTP_HEADERS_TIMEOUT_MS: 5000, HTTP_REQUEST_TIMEOUT_MS: 15000, HTTP_KEEP_ALIVE_TIMEOUT_MS: 5000, HTTP_MAX_CONNECTIONS: 500 });
  });
});

describe('13.18 malformed activity fields', () => {
  const BOT = { id: '28:baliewijzer', name: 'Baliewijzer' };
  const broken: ReadonlyArray<[string, Record<string, unknown>]> = [
    ['missing recipient', { recipient: undefined }],
    ['missing from', { from: undefined }],
    ['an entity without type', { entities: [{ text: '<at>Baliewijzer</at>' }] }],
    ['a mention without mentioned', { text: '<at>Baliewijzer</at> help', entities: [{ type: 'mention', text: '<at>Baliewijzer</at>' }] }],
    ['a mention whose mentioned has no id', { entities: [{ type: 'mention', mentioned: { name: 'Baliewijzer' } }] }],
    ['entities not an array', { entities: { type: 'mention' } }],
    ['membersAdded not an array', { type: 'conversationUpdate', membersAdded: { id: BOT.id } }],
    ['a member without id', { type: 'conversationUpdate', membersAdded: [{ name: 'Baliewijzer' }] }],
    ['membersRemoved not an array', { type: 'conversationUpdate', membersRemoved: 'all' }],
  ];

  it('13.18 a malformed activity field is answered 400 by the body schema and never reaches the bot', async () => {
    const { server, connector, desk } = await start();
    const staff = desk();
    for (const [why, fields] of broken) {
      const response = await post(server.url, JSON.stringify(staff.activity(fields)), { 'content-type': 'application/json' });
      expect(response.status, why).toBe(400);
      const body = (await response.json()) as { error?: string };
      expect(body.error, why).toBe('Body is not a Bot Framework activity');
    }
    // A urlencoded body with the same fields is not parsed at all.
    const form = new URLSearchParams({ type: 'message', serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams', 'conversation[id]': 'edge-chat', 'from[id]': 'staff-1', 'recipient[id]': 'bot-1', text: 'help' });
    expect((await post(server.url, form.toString(), { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect(connector.attempts).toHaveLength(0);
  });

  it('13.18 the activities Teams really sends still pass: mentions, membersAdded, installationUpdate, invokes', async () => {
    const { desk } = await start();
    const staff = desk('19:balie-groepschat@thread.v2');
    const group = { conversation: { id: '19:balie-groepschat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: '00000000-0000-0000-0000-0000000000aa' }, recipient: BOT };
    const install = await staff.post({ ...group, type: 'installationUpdate', action: 'add', text: undefined });
    expect(install).toHaveLength(0);
    const added = await staff.post({ ...group, type: 'conversationUpdate', membersAdded: [BOT], text: undefined });
    expect(textOf(added)).not.toBe('');
    const mention = { type: 'mention', text: '<at>Baliewijzer</at>', mentioned: BOT };
    const clientInfo = { type: 'clientInfo', locale: 'nl-NL', country: 'NL', platform: 'Web', timezone: 'Europe/Amsterdam' };
    const answered = await staff.post({ ...group, text: '<at>Baliewijzer</at> proef probleem', entities: [mention, clientInfo] });
    expect(textOf(answered)).toContain('Proefflow');
    // A card click (Action.Execute) reaches the bot, which answers it in the response, even when it is not one of ours.
    const response = await fetch(`${staff.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(staff.activity({ ...group, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x' } }, text: undefined })),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: "Deze knop kan ik niet verwerken. Er is niets veranderd; gebruik de nieuwste kaart of typ 'menu'." });
    // Other invokes (a task module, a message extension) are not Baliewijzer's: 400.
    const other = await fetch(`${staff.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(staff.activity({ ...group, type: 'invoke', name: 'task/fetch', value: {}, text: undefined })),
    });
    expect(other.status).toBe(400);
    expect(await other.json()).toEqual({ error: 'Unsupported invoke' });
  });
});
