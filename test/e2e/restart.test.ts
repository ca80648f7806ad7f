import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpDesk, textOf } from '../support/http-desk.js';

const processes: BotProcess[] = [];
const connector = new FakeConnector();
let dir = '';
let serviceUrlOnce: Promise<string> | undefined;
/** The fake Bot Connector, started once for the file's tests. */
const startedConnector = (): Promise<string> => (serviceUrlOnce ??= connector.start());

afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await connector.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the bot process killed mid-case (file store)', () => {
  it('continues the case after SIGKILL and a restart: the staff member clicks the next button on the last card', async () => {
    dir = await mkdtemp(join(tmpdir(), 'restart-'));
    const serviceUrl = await startedConnector();
    const env = { FLOWS_DIR: 'test/fixtures/flows', STORAGE: 'file', STORAGE_DIR: dir, LOG_LEVEL: 'warn' };
    const first = await startBotProcess(env);
    processes.push(first);
    const desk = new HttpDesk(first.url, connector, serviceUrl, { id: 'restart-1', conversationType: 'personal' });

    expect(textOf(await desk.say('proef probleem'))).toContain('stap 1');
    expect(textOf(await desk.click('Geen rechten'))).toContain('stap 2');
    const third = await desk.click('Gedaan');
    expect(textOf(third)).toContain('stap 3');
    expect(textOf(third)).toContain('Zijn er nu rechten?');

    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const second = await startBotProcess(env);
    processes.push(second);
    desk.botUrl = second.url;
    const end = await desk.click('Nog geen rechten');
    expect(textOf(end)).toContain('Doorverwijzen');
    expect(textOf(end)).toContain('3. Controle — **Nog geen rechten**');
    const updated = end.find((r) => r.call.method === 'PUT');
    expect(updated?.call.activityId).toBe(third.find((r) => r.call.method === 'POST')?.call.responseId);
  });
});

describe('13.7 a crash between saving a turn and answering it', () => {
  it('13.7 loses nothing: the bot killed right after the save answers the click when Teams re-sends it, once', async () => {
    const crashDir = await mkdtemp(join(tmpdir(), 'crash-'));
    const serviceUrl = await startedConnector();
    const env = { FLOWS_DIR: 'test/fixtures/flows', STORAGE: 'file', STORAGE_DIR: crashDir, LOG_LEVEL: 'warn' };
    try {
      const first = await startBotProcess({ ...env, TEST_CRASH_AFTER_SAVE: 'f:the-click' });
      processes.push(first);
      const desk = new HttpDesk(first.url, connector, serviceUrl, { id: 'crash-1', conversationType: 'personal' });
      expect(textOf(await desk.say('proef probleem'))).toContain('stap 1');
      const click = { ...desk.clickFields('Geen rechten'), id: 'f:the-click' };

      // The turn is saved, then the process dies before a reply or the card update goes out.
      const before = connector.calls.length;
      await expect(desk.post(click)).rejects.toThrow();
      expect(await first.exited).toBe('SIGKILL');
      expect(connector.calls.length).toBe(before);

      // Teams re-sends the activity (it got no answer); the restarted bot delivers what the saved turn had to say.
      const second = await startBotProcess(env);
      processes.push(second);
      desk.botUrl = second.url;
      const resent = await desk.post(click);
      expect(textOf(resent)).toContain('stap 2');
      expect(resent.filter((r) => r.call.method === 'PUT').map((r) => r.call.activityId)).toEqual([click.replyToId]);
      // Once: the same activity again is not answered again, and the case goes on from step 2.
      expect(await desk.post(click)).toEqual([]);
      expect(textOf(await desk.click('Gedaan'))).toContain('stap 3');
    } finally {
      await rm(crashDir, { recursive: true, force: true });
    }
  });
});
