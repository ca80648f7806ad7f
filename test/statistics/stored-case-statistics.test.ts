import { MemoryStorage, type StoreItems } from 'botbuilder';
import { describe, expect, it, vi } from 'vitest';
import { dayKeys, StatisticsStore } from '../../src/statistics/statistics-store.js';
import { StoredCaseStatistics } from '../../src/statistics/stored-case-statistics.js';
import { startCase } from '../../src/troubleshooting/engine.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { memoryLogger } from '../support/logs.js';

const catalog = loadFlowCatalog('test/fixtures/flows');
const flow = catalog.flow('proef');
if (!flow) throw new Error('fixture flow missing');
const CASE_ID = 'case-4f1c9a';
const state = { ...startCase(flow, CASE_ID, new Date('2026-03-02T09:00:00Z')), trail: [{ node: 'vraag', answer: 'nee' }] };

/** Storage that is down: every write fails. */
class BrokenStorage extends MemoryStorage {
  override async write(_changes: StoreItems): Promise<void> {
    throw new Error('storage unavailable');
  }
}

describe('recording a case for the statistics', () => {
  it('logs only flow, ending and number of steps, never the case id', async () => {
    const { log, lines } = memoryLogger();
    const statistics = new StoredCaseStatistics({ catalog, store: new StatisticsStore(new MemoryStorage()), now: () => new Date('2026-03-02T09:03:00Z'), log });
    await statistics.caseEnded(state, { kind: 'stopped' });
    expect(lines().map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ event: 'statistics.recorded', flow: 'proef', ending: 'gestopt', steps: 2 })]);
    expect(lines().join('\n')).not.toContain(CASE_ID);
    const report = await statistics.report();
    expect(report.flows[0]?.steps.find((s) => s.id === 'doe-iets')?.endedHere.gestopt).toBe(1);
  });

  it('lets the staff member carry on when the storage is down, and logs a warning', async () => {
    const { log, lines } = memoryLogger();
    const statistics = new StoredCaseStatistics({ catalog, store: new StatisticsStore(new BrokenStorage()), now: () => new Date('2026-03-02T09:03:00Z'), log });
    await expect(statistics.caseEnded(state, { kind: 'finished', outcome: 'opgelost' })).resolves.toBeUndefined();
    expect(lines().join('\n')).toContain('"event":"statistics.write-failed"');
    expect(lines().join('\n')).not.toContain(CASE_ID);
  }, 20_000);
});

describe("each day's statistics documents, created ahead", () => {
  /** How many of the day's shard documents exist in the storage. */
  const shardsOf = async (storage: MemoryStorage, day: string): Promise<number> => Object.keys(await storage.read(dayKeys(day))).length;

  it("exist for today and tomorrow as soon as the bot starts, and for the next day once the date turns, before any case ends", async () => {
    const storage = new MemoryStorage();
    let now = new Date('2026-03-02T23:30:00Z');
    const statistics = new StoredCaseStatistics({ catalog, store: new StatisticsStore(storage), now: () => now, log: memoryLogger().log });
    try {
      statistics.start(20);
      await vi.waitFor(async () => expect(await shardsOf(storage, '2026-03-03')).toBe(16));
      expect(await shardsOf(storage, '2026-03-02')).toBe(16);
      expect(await shardsOf(storage, '2026-03-04')).toBe(0);

      now = new Date('2026-03-03T00:30:00Z');
      await vi.waitFor(async () => expect(await shardsOf(storage, '2026-03-04')).toBe(16));
    } finally {
      statistics.stop();
    }
  });

  it('logs a warning and keeps the bot running when the storage is down at start', async () => {
    const { log, lines } = memoryLogger();
    const statistics = new StoredCaseStatistics({ catalog, store: new StatisticsStore(new BrokenStorage()), now: () => new Date('2026-03-02T09:00:00Z'), log });
    try {
      statistics.start(60_000);
      await vi.waitFor(() => expect(lines().join('\n')).toContain('"event":"statistics.prepare-failed"'));
    } finally {
      statistics.stop();
    }
  });
});
