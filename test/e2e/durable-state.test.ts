import { dayOf } from '../../src/statistics/statistics-record.js';
import { StatisticsStore } from '../../src/statistics/statistics-store.js';
import { StoredCaseStatistics } from '../../src/statistics/stored-case-statistics.js';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { listen, type RunningServer } from '../../src/server.js';
import { FileStore } from '../../src/storage/file-store.js';
import type { Store } from '../../src/storage/store.js';
import { caseStateSchema } from '../../src/troubleshooting/case-state.js';
import { seedPaths } from '../flows/seed-paths.js';
import { cardOf, cardText } from '../support/card-text.js';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector.js';
import { GatedStore } from '../support/gated-store.js';
import { storedConversation } from '../support/stored-conversation.js';
import { HttpDesk, textOf } from '../support/http-desk.js';
import { silentLogger } from '../support/logs.js';
import { endingsIn } from '../support/tally.js';

const FIXTURE_FLOWS = 'test/fixtures/flows';
const CLICK_PROCESSED = 'Deze klik is al verwerkt.';
/** The clock of the bot in these tests: ahead of the real one, as the file store's own dates (last writes) are real. */
const T0 = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 86_400_000);
const HOUR = 3_600_000;

interface Bot {
  readonly app: App;
  readonly server: RunningServer;
  readonly desk: (conversationId: string) => HttpDesk;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function startConnector(): Promise<{ connector: FakeConnector; serviceUrl: string }> {
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  cleanups.push(() => connector.stop());
  return { connector, serviceUrl };
}

/** The real bot over HTTP on the file store in `dir` (or on `store`), as STORAGE=file configures it. */
async function startBot(
  connector: { connector: FakeConnector; serviceUrl: string },
  options: { dir: string; flowsDir?: string; store?: Store; now?: () => Date },
): Promise<Bot & { stop: () => Promise<void> }> {
  const config = parseConfig({ FLOWS_DIR: options.flowsDir ?? FIXTURE_FLOWS, LOG_LEVEL: 'silent', STORAGE: 'file', STORAGE_DIR: options.dir });
  const app = buildApp(config, silentLogger(), { store: options.store, now: options.now });
  const server = await listen(app.server, 0, '127.0.0.1');
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  cleanups.push(stop);
  return { app, server, stop, desk: (id) => new HttpDesk(server.url, connector.connector, connector.serviceUrl, { id, conversationType: 'personal' }) };
}

const visible = (call: ConnectorCall): string => {
  const card = cardOf(call.body as { attachments?: Array<{ contentType?: string; content?: unknown }> });
  return card === undefined ? String(call.body.text ?? '') : cardText(card);
};
const posted = (calls: readonly ConnectorCall[]): string[] => calls.filter((c) => c.method === 'POST').map(visible);
const updates = (calls: readonly ConnectorCall[]): ConnectorCall[] => calls.filter((c) => c.method === 'PUT');

/** Posts the activities at the same moment; returns every connector call made meanwhile. */
async function together(connector: FakeConnector, ...sends: Array<() => Promise<unknown>>): Promise<ConnectorCall[]> {
  const before = connector.calls.length;
  await Promise.all(sends.map((send) => send()));
  return connector.calls.slice(before);
}

describe('a click handled exactly once (file store, real HTTP)', () => {
  it('double click on "Geen rechten", both read the same state: one step 2, the other click only hears "Deze klik is al verwerkt."', async () => {
    const connector = await startConnector();
    const dir = await tempDir('durable-');
    const storage = new GatedStore(FileStore.open(dir));
    const bot = await startBot(connector, { dir, store: storage });
    const desk = bot.desk('double-click');
    await desk.say('proef probleem');
    const click = desk.clickFields('Geen rechten');

    storage.holdReads(2);
    const calls = await together(connector.connector, () => desk.post(click), () => desk.post(click));

    expect(storage.conflicts).toBe(1);
    expect(posted(calls).filter((t) => t.includes('Autoriseer inlogaccount'))).toHaveLength(1);
    expect(posted(calls).filter((t) => !t.includes('Autoriseer inlogaccount'))).toEqual([CLICK_PROCESSED]);
    expect(updates(calls)).toHaveLength(1);
    expect(updates(calls)[0]?.activityId).toBe(click.replyToId);
    // The case is at step 2, once: its button leads to step 3.
    expect(textOf(await desk.click('Gedaan'))).toContain('Zijn er nu rechten?');
  });

  it('13.8 twenty simultaneous clicks on one card: one applied, nineteen "Deze klik is al verwerkt.", no apology', async () => {
    const connector = await startConnector();
    const bot = await startBot(connector, { dir: await tempDir('durable-') });
    const desk = bot.desk('twenty-clicks');
    await desk.say('proef probleem');
    const click = desk.clickFields('Geen rechten');

    const calls = await together(connector.connector, ...Array.from({ length: 20 }, (_, i) => () => desk.post({ ...click, id: `f:click-${i}` })));

    const texts = posted(calls);
    expect(texts.filter((t) => t.includes('Autoriseer inlogaccount'))).toHaveLength(1);
    expect(texts.filter((t) => t === CLICK_PROCESSED)).toHaveLength(19);
    expect(texts.filter((t) => t.includes('Sorry'))).toEqual([]);
    expect(updates(calls)).toHaveLength(1);
    expect(textOf(await desk.click('Gedaan'))).toContain('stap 3');
  });

  it('13.7 a connector that answers 500 to the replies of a saved turn: the re-sent activity gets them, and the case moved once', async () => {
    const connector = await startConnector();
    const bot = await startBot(connector, { dir: await tempDir('durable-') });
    const desk = bot.desk('connector-500');
    await desk.say('proef probleem');
    const click = { ...desk.clickFields('Geen rechten'), id: 'f:teams-500' };

    let failing = true;
    connector.connector.fault = (call) => (failing && call.conversationId === 'connector-500' ? { status: 500 } : undefined);
    const failed = await desk.post(click);
    expect(failed).toEqual([]);
    expect(connector.connector.attempts.filter((c) => c.conversationId === 'connector-500' && c.method === 'POST').length).toBeGreaterThanOrEqual(3);

    failing = false;
    const resent = await desk.post(click);
    expect(textOf(resent)).toContain('Autoriseer inlogaccount');
    expect(textOf(resent)).not.toContain('Sorry');
    expect(textOf(await desk.click('Gedaan'))).toContain('stap 3');
  });

  it('a second click on the same button a moment later changes nothing and says "Deze klik is al verwerkt."', async () => {
    const connector = await startConnector();
    const bot = await startBot(connector, { dir: await tempDir('durable-') });
    const desk = bot.desk('late-second-click');
    await desk.say('proef probleem');
    const click = desk.clickFields('Geen rechten');
    expect(textOf(await desk.post(click))).toContain('Autoriseer inlogaccount');
    const second = await desk.post(click);
    expect(second.map((r) => r.text)).toEqual([CLICK_PROCESSED]);
    expect(textOf(await desk.click('Gedaan'))).toContain('stap 3');
  });

  it('Teams re-sending the same activity (same id) 15 s later gets no answer and no second step', async () => {
    const connector = await startConnector();
    let clock = T0;
    const bot = await startBot(connector, { dir: await tempDir('durable-'), now: () => clock });
    const desk = bot.desk('replayed');
    await desk.say('proef probleem');
    const click = { ...desk.clickFields('Geen rechten'), id: 'f:teams-activity-1' };
    expect(textOf(await desk.post(click))).toContain('Autoriseer inlogaccount');
    clock = new Date(T0.getTime() + 15_000);
    expect(await desk.post(click)).toEqual([]);
    expect(textOf(await desk.click('Gedaan'))).toContain('Zijn er nu rechten?');
  });

  it('Teams re-sending the activity while the first is still being handled: answered once, the replay stays silent', async () => {
    const connector = await startConnector();
    const dir = await tempDir('durable-');
    const storage = new GatedStore(FileStore.open(dir));
    const bot = await startBot(connector, { dir, store: storage });
    const desk = bot.desk('replayed-in-flight');
    await desk.say('proef probleem');
    const click = { ...desk.clickFields('Geen rechten'), id: 'f:teams-activity-2' };

    storage.holdReads(2);
    const calls = await together(connector.connector, () => desk.post(click), () => desk.post(click));

    expect(storage.conflicts).toBe(1);
    expect(posted(calls)).toHaveLength(1);
    expect(posted(calls)[0]).toContain('Autoriseer inlogaccount');
    expect(updates(calls)).toHaveLength(1);
  });

  it('eTag conflict between two different buttons on one card: the winner moves the case, the loser runs again and is told the card is old', async () => {
    const connector = await startConnector();
    const dir = await tempDir('durable-');
    const storage = new GatedStore(FileStore.open(dir));
    const bot = await startBot(connector, { dir, store: storage });
    const desk = bot.desk('two-buttons');
    await desk.say('proef probleem');
    const noRights = desk.clickFields('Geen rechten');
    const rights = desk.clickFields('Rechten aanwezig');

    storage.holdReads(2);
    const calls = await together(connector.connector, () => desk.post(noRights), () => desk.post(rights));

    // At least the loser's save; the winner's follow-up write (its new live card's id) may meet the loser's re-run once more.
    expect(storage.conflicts).toBeGreaterThanOrEqual(1);
    const texts = posted(calls);
    const steps = texts.filter((t) => t.includes('Autoriseer inlogaccount') || t.includes('De klant kan inloggen'));
    expect(steps).toHaveLength(1);
    expect(texts.filter((t) => t.includes('hoort bij een eerdere stap'))).toHaveLength(1);
    expect(updates(calls)).toHaveLength(1);
    // One answer applied: the stored case is one step further, not two.
    const stored = await storedConversation(storage, 'two-buttons');
    expect(caseStateSchema.parse(stored?.case).trail).toHaveLength(1);
  });
});

describe('a case ended twice at the same moment (final answer against "Stop")', () => {
  it('keeps only the winning turn\'s ending: one summary card, and the case record and statistics say what that card says', async () => {
    const connector = await startConnector();
    const dir = await tempDir('ended-twice-');
    const storage = new GatedStore(FileStore.open(dir));
    const bot = await startBot(connector, { dir, store: storage });
    const statistics = new StatisticsStore(storage);
    const shownSoFar: string[] = [];
    // Five races: before records were written after the state save, the losing turn's record
    // overwrote the winner's whenever it happened to write last.
    for (let round = 0; round < 5; round++) {
      const desk = bot.desk(`ended-twice-${round}`);
      await desk.say('proef probleem');
      await desk.click('Geen rechten');
      await desk.click('Gedaan');
      const solved = desk.clickFields('Nu wel rechten');
      const stop = desk.clickFields('Stop');

      storage.holdReads(2);
      const calls = await together(connector.connector, () => desk.post(solved), () => desk.post(stop));

      const summaries = posted(calls).filter((t) => t.includes('Deel in teamkanaal'));
      expect(summaries).toHaveLength(1);
      const shown = summaries[0]?.includes('Gestopt') ? 'gestopt' : 'opgelost';
      const caseId = /"caseId":"([^"]+)"/.exec(JSON.stringify(calls.map((c) => c.body)))?.[1] ?? '';
      const recordKey = `baliewijzer/case/${caseId}`;
      const record: unknown = (await storage.read(recordKey))?.value;
      expect(record).toMatchObject({ outcome: shown });
      shownSoFar.push(shown);
      // Statistics keep no case ids: every round's case must be there once, ending as its card said.
      const days = [dayOf(new Date(Date.now() - 86_400_000)), dayOf(new Date())];
      expect(endingsIn((await statistics.read(days)).tally)).toEqual([...shownSoFar].sort());
    }
  });
});

describe('an abandoned case (CASE_TTL_HOURS, default 24)', () => {
  it('is not continued after 24 hours: the staff member is told it expired, gets the menu, and the stored case is gone', async () => {
    const connector = await startConnector();
    let clock = T0;
    const bot = await startBot(connector, { dir: await tempDir('durable-'), now: () => clock });
    const desk = bot.desk('expired');
    await desk.say('proef probleem');
    await desk.click('Geen rechten');
    expect(JSON.stringify(await storedConversation(bot.app.store, 'expired'))).toContain('"caseId"');

    clock = new Date(T0.getTime() + 24 * HOUR + 60_000);
    const oldClick = desk.clickFields('Gedaan');
    const late = await desk.click('Gedaan');
    // The clicked card is closed as expired; the menu says why.
    expect(late.map((r) => r.call.method)).toEqual(['PUT', 'POST']);
    expect(late[0]?.text).toContain('⌛ Verlopen');
    expect(late[1]?.text).toContain('Deze casus is verlopen: er is meer dan 24 uur niets mee gedaan');
    expect(late[1]?.text).toContain('Proefflow');
    expect(textOf(late)).not.toContain('Zijn er nu rechten?');
    const stored = await storedConversation(bot.app.store, 'expired');
    expect(stored?.case).toBeUndefined();
    expect(stored?.liveCard).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain('dialogStack":[{');
    // The statistics count it as abandoned (verlopen) at the step where it was left.
    const statistics = new StoredCaseStatistics({ catalog: bot.app.catalog, store: new StatisticsStore(bot.app.store), now: () => clock, log: silentLogger() });
    const report = await statistics.report();
    expect(report.flows.find((f) => f.id === 'proef')?.steps.find((st) => st.id === 'doe-iets')?.endedHere.verlopen).toBe(1);

    // The old card has no buttons left; a click from a copy of it still finds its case closed. The menu starts a new case.
    expect(() => desk.clickFields('Gedaan')).toThrow('No button "Gedaan"');
    expect(textOf(await desk.post(oldClick))).toContain('al is afgesloten');
    expect(textOf(await desk.click('Proefflow'))).toContain('Eerste vraag');
  });

  it('continues when the last click was less than 24 hours ago', async () => {
    const connector = await startConnector();
    let clock = T0;
    const bot = await startBot(connector, { dir: await tempDir('durable-'), now: () => clock });
    const desk = bot.desk('not-expired');
    await desk.say('proef probleem');
    clock = new Date(T0.getTime() + 23 * HOUR);
    await desk.click('Geen rechten');
    clock = new Date(T0.getTime() + 46 * HOUR);
    expect(textOf(await desk.click('Gedaan'))).toContain('Zijn er nu rechten?');
  });

  it('is deleted from the file store by the sweep, while finished case records stay until the retention has passed', async () => {
    const connector = await startConnector();
    let clock = T0;
    const dir = await tempDir('durable-');
    const bot = await startBot(connector, { dir, now: () => clock });
    const open = bot.desk('swept-open');
    await open.say('proef probleem');
    await open.click('Geen rechten');
    const finished = bot.desk('swept-finished');
    await finished.say('proef probleem');
    await finished.click('Rechten aanwezig');
    const fresh = bot.desk('swept-fresh');

    clock = new Date(T0.getTime() + 20 * HOUR);
    await fresh.say('proef probleem');
    clock = new Date(T0.getTime() + 25 * HOUR);
    expect(await bot.app.sweep.sweepOnce()).toBe(2);

    expect(await storedConversation(bot.app.store, 'swept-open')).toBeUndefined();
    expect(await storedConversation(bot.app.store, 'swept-finished')).toBeUndefined();
    expect(await storedConversation(bot.app.store, 'swept-fresh')).toBeDefined();
    const caseId = /"caseId":"([^"]+)"/.exec(JSON.stringify(finished.seen.map((r) => r.call.body)))?.[1] ?? '';
    expect(await bot.app.store.read(`baliewijzer/case/${caseId}`)).toBeDefined();
    // A click on a swept case's card changes nothing.
    expect(textOf(await open.click('Gedaan'))).toContain('al is afgesloten');

    // After RECORD_RETENTION_DAYS (30) the finished case's record goes too: it holds the staff member's name.
    clock = new Date(T0.getTime() + 31 * 24 * HOUR);
    expect(await bot.app.sweep.sweepOnce()).toBeGreaterThanOrEqual(1);
    expect(await bot.app.store.read(`baliewijzer/case/${caseId}`)).toBeUndefined();
    expect(textOf(await finished.click('Deel in teamkanaal'))).toContain('kan ik niet meer vinden');
  });
});

describe('a flow file edited between two runs of the bot', () => {
  async function caseAtStep2(): Promise<{ connector: Awaited<ReturnType<typeof startConnector>>; flowsDir: string; dir: string; desk: HttpDesk }> {
    const connector = await startConnector();
    const flowsDir = await tempDir('flows-');
    await cp(FIXTURE_FLOWS, flowsDir, { recursive: true });
    const dir = await tempDir('durable-');
    const first = await startBot(connector, { dir, flowsDir });
    const desk = first.desk('flow-edit');
    await desk.say('proef probleem');
    await desk.click('Geen rechten');
    await first.stop();
    return { connector, flowsDir, dir, desk };
  }

  async function editFlow(flowsDir: string, edit: (yaml: string) => string): Promise<void> {
    const file = join(flowsDir, 'proef.yaml');
    const before = await readFile(file, 'utf8');
    const after = edit(before).replace(/^version: 1$/m, 'version: 2');
    expect(after).not.toBe(before);
    await writeFile(file, after, 'utf8');
  }

  it('tells the staff member the steps changed and offers the menu when the answered step no longer exists', async () => {
    const { connector, flowsDir, dir, desk } = await caseAtStep2();
    await editFlow(flowsDir, (yaml) => yaml.replace('- { id: nee, label: Geen rechten, next: doe-iets }', '- { id: geen, label: Geen rechten, next: doe-iets }'));
    const second = await startBot(connector, { dir, flowsDir });
    desk.botUrl = second.server.url;

    const replies = await desk.click('Gedaan');
    expect(textOf(replies)).toContain("De stappen van 'Proefflow' zijn aangepast sinds deze casus begon");
    expect(textOf(replies)).toContain('Waar loopt de klant tegenaan?');
    expect(textOf(replies)).not.toContain('Sorry, er ging iets mis');
    const restarted = await desk.click('Proefflow');
    expect(textOf(restarted)).toContain('Eerste vraag');
    expect(textOf(restarted)).toContain('stap 1');
  });

  it('continues on the new version when the steps answered so far still exist', async () => {
    const { connector, flowsDir, dir, desk } = await caseAtStep2();
    await editFlow(flowsDir, (yaml) => yaml.replace('question: Zijn er nu rechten?', 'question: Heeft de klant nu wel rechten?'));
    const second = await startBot(connector, { dir, flowsDir });
    desk.botUrl = second.server.url;

    const next = await desk.click('Gedaan');
    expect(textOf(next)).toContain('Heeft de klant nu wel rechten?');
    expect(textOf(next)).toContain('stap 3');
    expect(textOf(await desk.click('Nog geen rechten'))).toContain('Doorverwijzen');
  });

  it('13.11 closes a case whose flow was removed, with a clear message and the menu, whatever is typed or clicked next', async () => {
    const connector = await startConnector();
    const flowsDir = await tempDir('flows-');
    await cp('flows', flowsDir, { recursive: true });
    const dir = await tempDir('durable-');
    const first = await startBot(connector, { dir, flowsDir });
    const desk = first.desk('flow-removed');
    await desk.post({ value: { v: 1, action: 'start', flow: 'inactief-inlogaccount' } });
    await first.stop();
    await rm(join(flowsDir, 'inactief-inlogaccount.yaml'));

    for (const input of ['stop', 'menu']) {
      const second = await startBot(connector, { dir, flowsDir });
      desk.botUrl = second.server.url;
      const replies = await desk.say(input);
      if (input === 'stop') {
        expect(textOf(replies)).toContain('Het stappenplan van deze casus bestaat niet meer');
        expect(textOf(replies)).toContain('Waar loopt de klant tegenaan?');
      } else {
        expect(textOf(replies)).toContain('Waar loopt de klant tegenaan?');
        expect(textOf(replies)).not.toContain('bestaat niet meer');
      }
      expect(textOf(replies)).not.toContain('Sorry, er ging iets mis');
      await second.stop();
    }
  });
});

/** A personal chat id as long as Teams makes them (the id is part of the stored key, not of the document). */
const TEAMS_PERSONAL_CHAT_ID = 'a:1Zm9vYmFyLXBlcnNvbmFsLWNoYXQtaWQtb2YtdHlwaWNhbC1sZW5ndGgtZm9yLXRlYW1zLWNoYXRzLWFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OQ';

describe('state size', () => {
  it('stays under 2 KB per open case on the longest seed path', async ({ annotate }) => {
    const longest = [...seedPaths].sort((a, b) => b.steps.filter((s) => s.click).length - a.steps.filter((s) => s.click).length)[0];
    if (!longest) throw new Error('no seed paths');
    const connector = await startConnector();
    const dir = await tempDir('durable-');
    const bot = await startBot(connector, { dir, flowsDir: 'flows' });
    const desk = bot.desk(TEAMS_PERSONAL_CHAT_ID);
    const storage = FileStore.open(dir);
    const sizes: number[] = [];
    const measure = async (): Promise<void> => {
      const stored = await storedConversation(storage, TEAMS_PERSONAL_CHAT_ID);
      if (!stored || !JSON.stringify(stored).includes('"caseId"')) return;
      sizes.push(Buffer.byteLength(JSON.stringify(stored), 'utf8'));
    };
    await desk.post({ value: { v: 1, action: 'start', flow: longest.flow } });
    await measure();
    for (const step of longest.steps) {
      if (step.click === undefined) continue;
      await desk.click(step.click);
      await measure();
    }
    const clicks = longest.steps.filter((s) => s.click).length;
    await annotate(`${longest.flow}, ${clicks} clicks: stored conversation ${Math.min(...sizes)}–${Math.max(...sizes)} bytes while the case is open`);
    expect(sizes.length).toBeGreaterThanOrEqual(clicks);
    expect(Math.max(...sizes)).toBeLessThan(2048);
  });
});
