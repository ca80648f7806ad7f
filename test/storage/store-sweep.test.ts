import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../src/storage/file-store.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import type { Store, StoredValue } from '../../src/storage/store.js';
import { StoreSweep } from '../../src/storage/store-sweep.js';
import { summaryRetentionRules } from '../../src/summaries/summary-retention.js';
import { conversationSweepRule } from '../../src/turn/conversation-sweep.js';
import { memoryLogger, silentLogger } from '../support/logs.js';

/** The sweep runs "now"; documents and their last writes are placed in the past relative to it. */
const NOW = new Date('2026-06-30T12:00:00.000Z');
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const hoursAgo = (hours: number): string => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const sweepOf = (store: Store, options: { retentionDays?: number; log?: ReturnType<typeof memoryLogger>['log'] } = {}) =>
  new StoreSweep({ store, rules: [conversationSweepRule(24), ...summaryRetentionRules(options.retentionDays ?? 30)], log: options.log ?? silentLogger(), now: () => NOW });

/** A memory store whose items were last written `writtenDaysAgo` before NOW. */
async function storeWith(items: Record<string, StoredValue>, writtenDaysAgo = 60): Promise<MemoryStore> {
  const store = new MemoryStore(() => new Date(NOW.getTime() - writtenDaysAgo * 86_400_000));
  for (const [key, value] of Object.entries(items)) await store.write(key, value);
  return store;
}

const outbox = (status: string, createdDaysAgo: number, sentDaysAgo?: number) => ({ status, createdAt: daysAgo(createdDaysAgo), ...(sentDaysAgo === undefined ? {} : { sentAt: daysAgo(sentDaysAgo) }) });
const touched = (hours: number) => ({ turns: { touchedAt: hoursAgo(hours), seen: [] } });

describe('the storage housekeeping (CASE_TTL_HOURS, RECORD_RETENTION_DAYS)', () => {
  it('deletes abandoned conversations, and case records and finished summaries past the retention; keeps what is recent, waiting, unreadable or anonymous', async () => {
    const store = await storeWith({
      'baliewijzer/conversations/msteams/abandoned': touched(25),
      'baliewijzer/conversations/msteams/active': touched(1),
      'baliewijzer/case/old': { endedAt: daysAgo(31), staffName: 'Balie Medewerker' },
      'baliewijzer/case/recent': { endedAt: daysAgo(29), staffName: 'Balie Medewerker' },
      'baliewijzer/case/unreadable': { staffName: 'no endedAt' },
      'baliewijzer/outbox/sent-long-ago': outbox('sent', 40, 35),
      'baliewijzer/outbox/sent-lately': outbox('sent', 40, 10),
      'baliewijzer/outbox/failed-long-ago': outbox('failed', 45),
      'baliewijzer/outbox/still-waiting': outbox('pending', 45),
      'baliewijzer/outbox/being-sent': outbox('sending', 45),
      'baliewijzer/statistics/2026-01-01/x': { v: 1 },
      'baliewijzer/teams': { teams: {} },
    });
    const logs = memoryLogger();
    expect(await sweepOf(store, { log: logs.log }).sweepOnce()).toBe(4);
    const left: string[] = [];
    for await (const item of store.list('')) left.push(item.key);
    expect(left.sort()).toEqual([
      'baliewijzer/case/recent',
      'baliewijzer/case/unreadable',
      'baliewijzer/conversations/msteams/active',
      'baliewijzer/outbox/being-sent',
      'baliewijzer/outbox/sent-lately',
      'baliewijzer/outbox/still-waiting',
      'baliewijzer/statistics/2026-01-01/x',
      'baliewijzer/teams',
    ]);
    const line = logs.lines().find((l) => l.includes('storage.swept')) ?? '';
    expect(JSON.parse(line)).toMatchObject({ deleted: 4, due: { conversation: 1, 'case-record': 1, 'outbox-item': 2 } });
    expect(line).not.toContain('Balie Medewerker');
    // A second sweep (or another instance) finds nothing left to do.
    expect(await sweepOf(store).sweepOnce()).toBe(0);
  });

  it('deletes handed-over cases (names, notes) and digest markers past the retention, counted from the day the case ended', async () => {
    const handover = (endedDaysAgo: number) => ({ caseId: 'c', team: 't', summary: { endedAt: daysAgo(endedDaysAgo), staff: { id: 's', name: 'Balie Medewerker' } }, claimed: { by: { id: 'a', name: 'Anna' }, at: daysAgo(1) } });
    const store = await storeWith({
      'baliewijzer/handover/19:team@thread.tacv2/old': handover(31),
      'baliewijzer/handover/19:team@thread.tacv2/recent': handover(29),
      'baliewijzer/handover/19:team@thread.tacv2/unreadable': { caseId: 'no summary' },
      'baliewijzer/handover-digest/2026-05-01/19:team@thread.tacv2': { team: 't', day: '2026-05-01', at: daysAgo(60) },
      'baliewijzer/handover-digest/2026-06-29/19:team@thread.tacv2': { team: 't', day: '2026-06-29', at: daysAgo(1) },
    });
    expect(await sweepOf(store).sweepOnce()).toBe(2);
    const left: string[] = [];
    for await (const item of store.list('')) left.push(item.key);
    expect(left.sort()).toEqual([
      'baliewijzer/handover-digest/2026-06-29/19:team@thread.tacv2',
      'baliewijzer/handover/19:team@thread.tacv2/recent',
      'baliewijzer/handover/19:team@thread.tacv2/unreadable',
    ]);
  });

  it('follows a shorter retention when configured', async () => {
    const store = await storeWith({ 'baliewijzer/case/a-week-old': { endedAt: daysAgo(7) } });
    expect(await sweepOf(store, { retentionDays: 5 }).sweepOnce()).toBe(1);
  });

  it('does not even read items written after their cutoff, whatever the dates inside them say', async () => {
    const store = await storeWith({ 'baliewijzer/case/old-inside': { endedAt: daysAgo(400) } }, 1);
    let reads = 0;
    const read = store.read.bind(store);
    store.read = async (key) => {
      reads += 1;
      return read(key);
    };
    expect(await sweepOf(store).sweepOnce()).toBe(0);
    expect(reads).toBe(0);
  });

  it('leaves an item that was written again between its read and its delete', async () => {
    const store = await storeWith({ 'baliewijzer/case/raced': { endedAt: daysAgo(40) } });
    const read = store.read.bind(store);
    store.read = async (key) => {
      const stored = await read(key);
      await store.write(key, { endedAt: daysAgo(40), rewritten: true });
      return stored;
    };
    expect(await sweepOf(store).sweepOnce()).toBe(0);
    expect((await read('baliewijzer/case/raced'))?.value).toMatchObject({ rewritten: true });
  });

  it("sweeps the file store by the files' own dates: a case record written just now is not read", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sweep-'));
    dirs.push(dir);
    const store = FileStore.open(dir);
    await store.write('baliewijzer/case/old-inside', { endedAt: daysAgo(400) });
    const sweep = new StoreSweep({ store, rules: summaryRetentionRules(30), log: silentLogger() });
    expect(await sweep.sweepOnce()).toBe(0);
    expect(await store.read('baliewijzer/case/old-inside')).toBeDefined();
  });
});
