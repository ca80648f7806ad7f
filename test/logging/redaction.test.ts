import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { hashId } from '../../src/logging/logger.js';
import { listen } from '../../src/server.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpDesk } from '../support/http-desk.js';
import { memoryLogger } from '../support/logs.js';

/** The README promises hashed conversation ids in the logs, also inside error messages (issue 13, item 14). */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('13.14 conversation ids in logged errors', () => {
  it('13.14 raw conversation ids in logged errors (eTag conflicts, connector URLs) show only their hash', async () => {
    const connector = new FakeConnector();
    const serviceUrl = await connector.start();
    const logs = memoryLogger('debug');
    const storage = new MemoryStore();
    const app = buildApp(parseConfig({ FLOWS_DIR: 'test/fixtures/flows' }), logs.log, { store: storage });
    const server = await listen(app.server, 0, '127.0.0.1');
    cleanups.push(async () => {
      await server.close();
      await connector.stop();
    });

    // A group chat id as Teams makes them, and one of no known shape: only the turn knows it is an id.
    for (const id of ['19:geheim-overleg@thread.v2', 'balie geheim "42"/x']) {
      const staff = new HttpDesk(server.url, connector, serviceUrl, { id, conversationType: 'personal' });
      await staff.say('proef probleem');
      // Teams cannot find the conversation; its error names the URL, with the id URL-encoded.
      connector.fault = (call) => (call.method === 'POST' ? { status: 404, message: `Conversation not found: ${call.path}` } : undefined);
      await staff.click('Geen rechten');
      connector.fault = undefined;
      // The store fails with an error that names the storage key (as a file system error names the file).
      const write = storage.write.bind(storage);
      storage.write = async (key, ...rest) => {
        if (key.includes('/conversations/')) throw new Error(`EIO: i/o error, open '/data/${key}.json'`);
        return write(key, ...rest);
      };
      await staff.say('opnieuw');
      storage.write = write;

      const errors = logs.lines().filter((line) => line.includes('"turn.error"'));
      expect(errors.length).toBeGreaterThanOrEqual(2);
      expect(errors.some((line) => line.includes(`conversations/${hashId(id)}/`))).toBe(true);
      expect(errors.some((line) => line.includes(`conversations/msteams/${hashId(id)}.json`))).toBe(true);
    }
    const all = logs.lines().join('\n');
    for (const secret of ['geheim', encodeURIComponent('geheim-overleg')]) expect(all).not.toContain(secret);
    expect(logs.lines().filter((line) => line.includes('"turn.error"')).length).toBeGreaterThanOrEqual(4);
  });

  it('13.14 outside a turn (outbox, sweep) Teams ids are recognised by their shape and hashed; times stay as they are', () => {
    const logs = memoryLogger('info');
    const channel = '19:kanaal-geheim@thread.tacv2';
    const chat = 'a:1GeheimePersoonlijkeChatVanDeBalie';
    logs.log.error({ event: 'outbox.post-failed', err: `request to https://smba.trafficmanager.net/emea/v3/conversations/${encodeURIComponent(channel)}/activities failed` }, 'summary not posted');
    logs.log.error({ event: 'storage.sweep-failed', err: `EACCES: permission denied, open '/data/baliewijzer/conversations/msteams/${encodeURIComponent(chat)}.json'` }, 'sweep failed');
    logs.log.warn({ event: 'channel.unknown', err: `no team for ${channel};messageid=1732931985123 at 03:19:45` }, 'unknown channel');

    const lines = logs.lines();
    expect(lines.join('\n')).not.toMatch(/[Gg]eheim/);
    expect(lines[0]).toContain(`/v3/conversations/${hashId(channel)}/activities`);
    expect(lines[1]).toContain(`baliewijzer/conversations/msteams/${hashId(chat)}.json`);
    expect(lines[2]).toContain('at 03:19:45');
    for (const line of lines) expect((JSON.parse(line) as { time: string }).time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
