import { describe, expect, it } from 'vitest';
import { StatisticsStore } from '../../src/statistics/statistics-store.js';
import { StoredCaseStatistics } from '../../src/statistics/stored-case-statistics.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { startCase } from '../../src/troubleshooting/engine.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { memoryLogger } from '../support/logs.js';

const catalog = loadFlowCatalog('test/fixtures/flows');
const flow = catalog.flow('proef');
if (!flow) throw new Error('fixture flow missing');
const CASE_ID = 'case-4f1c9a';
const state = { ...startCase(flow, CASE_ID, new Date('2026-03-02T09:00:00Z')), trail: ['nee'] };

/** A store that is down: every write fails. */
class BrokenStore extends MemoryStore {
  override async write(): Promise<string> {
    throw new Error('storage unavailable');
  }
}

describe('recording a case for the statistics', () => {
  it('logs only flow, ending and number of steps, never the case id', async () => {
    const { log, lines } = memoryLogger();
    const statistics = new StoredCaseStatistics({ catalog, store: new StatisticsStore(new MemoryStore()), now: () => new Date('2026-03-02T09:03:00Z'), log });
    await statistics.record(statistics.recordFor(state, 'gestopt', 'doe-iets', new Date('2026-03-02T09:03:00Z')));
    expect(lines().map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ event: 'statistics.recorded', flow: 'proef', ending: 'gestopt', steps: 2 })]);
    expect(lines().join('\n')).not.toContain(CASE_ID);
    const report = await statistics.report();
    expect(report.flows[0]?.steps.find((s) => s.id === 'doe-iets')?.endedHere.gestopt).toBe(1);
  });

  it('keeps no case id in the record, and records the same case once however often it is written', async () => {
    const store = new MemoryStore();
    const statistics = new StoredCaseStatistics({ catalog, store: new StatisticsStore(store), now: () => new Date('2026-03-02T09:03:00Z'), log: memoryLogger().log });
    const keyed = statistics.recordFor(state, 'opgelost', 'doe-iets', new Date('2026-03-02T09:03:00Z'));
    await statistics.record(keyed);
    await statistics.record(keyed);
    expect((await statistics.report()).cases).toBe(1);
    expect(JSON.stringify(keyed)).not.toContain(CASE_ID);
  });

  it('lets the caller know when the storage is down (the turn pipeline logs it and carries on)', async () => {
    const statistics = new StoredCaseStatistics({ catalog, store: new StatisticsStore(new BrokenStore()), now: () => new Date('2026-03-02T09:03:00Z'), log: memoryLogger().log });
    await expect(statistics.record(statistics.recordFor(state, 'opgelost', 'doe-iets', new Date('2026-03-02T09:03:00Z')))).rejects.toThrow('storage unavailable');
  });
});
