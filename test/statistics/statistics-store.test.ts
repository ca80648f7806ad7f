import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StatisticsRecord } from '../../src/statistics/statistics-record.js';
import { COMPACTED_PREFIX, STATISTICS_PREFIX, StatisticsStore } from '../../src/statistics/statistics-store.js';
import { casesIn } from '../../src/statistics/statistics-tally.js';
import { FileStore } from '../../src/storage/file-store.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { endingsIn, reachedIn } from '../support/tally.js';

const DAY = '2026-03-02';
const record = (path: string[], ending: StatisticsRecord['ending'] = 'opgelost'): StatisticsRecord => ({ v: 1, flowId: 'proef', flowVersion: 1, path, ending, durationMs: 60_000, day: DAY });

describe('statistics in the bot storage, shared by every instance', () => {
  it('keeps every case when two instances record twenty cases on the same day at once', async () => {
    const storage = new MemoryStore();
    const first = new StatisticsStore(storage);
    const second = new StatisticsStore(storage);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).put(`case-${i}`, record(['vraag', `stap-${i}`]))));
    expect(casesIn((await first.read([DAY])).tally)).toBe(20);
  });

  it('counts a case recorded twice (a turn delivered again) once, with its last record', async () => {
    const store = new StatisticsStore(new MemoryStore());
    await store.put('same-case', record(['vraag']));
    await store.put('same-case', record(['vraag', 'doe-iets'], 'gestopt'));
    const { tally } = await store.read([DAY]);
    expect(endingsIn(tally)).toEqual(['gestopt']);
    expect(reachedIn(tally, 'proef')).toEqual({ vraag: 1, 'doe-iets': 1 });
  });

  it('skips a record it cannot read and says how many it skipped', async () => {
    const storage = new MemoryStore();
    const store = new StatisticsStore(storage);
    await store.put('good', record(['vraag', 'klaar']));
    await storage.write(`${STATISTICS_PREFIX}${DAY}/odd`, { v: 2, something: 'else' });
    const { tally, unreadable } = await store.read([DAY, '2026-03-03']);
    expect(unreadable).toBe(1);
    expect(reachedIn(tally, 'proef')).toEqual({ vraag: 1, klaar: 1 });
  });
});

describe('many case ends at once (the bench found one document per day a hot spot)', () => {
  it('keeps all of 300 records written concurrently to the file storage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stats-'));
    try {
      const store = new StatisticsStore(FileStore.open(dir));
      await Promise.all(Array.from({ length: 300 }, (_, i) => store.put(`case-${i}`, record(['vraag', 'klaar']))));
      const { tally, unreadable } = await store.read([DAY]);
      expect(casesIn(tally)).toBe(300);
      expect(unreadable).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('13.10 past days compacted, so the statistics card stays quick with one record per case', () => {
  const TODAY = '2026-03-03';
  const onDay = (day: string, path: string[], ending: StatisticsRecord['ending'] = 'opgelost'): StatisticsRecord => ({ ...record(path, ending), day });
  const keysUnder = async (storage: MemoryStore, prefix: string): Promise<string[]> => {
    const keys: string[] = [];
    for await (const listed of storage.list(prefix)) keys.push(listed.key);
    return keys.sort();
  };

  it('puts a past day into one document the first time it is read, counts the same, and leaves today as it is', async () => {
    const storage = new MemoryStore();
    const store = new StatisticsStore(storage);
    for (let i = 0; i < 5; i++) await store.put(`yesterday-${i}`, onDay(DAY, ['vraag', 'klaar']));
    await store.put('today-1', onDay(TODAY, ['vraag']));
    const before = await store.read([DAY, TODAY]);
    const first = await store.read([DAY, TODAY], { compactBefore: TODAY });
    expect(casesIn(first.tally)).toBe(6);
    expect(first.tally).toEqual(before.tally);
    expect(await keysUnder(storage, COMPACTED_PREFIX)).toEqual([`${COMPACTED_PREFIX}${DAY}`]);
    expect(await keysUnder(storage, STATISTICS_PREFIX)).toEqual([`${STATISTICS_PREFIX}${TODAY}/today-1`]);
    // A new instance (a restart) reads the compacted day and counts the same.
    expect((await new StatisticsStore(storage).read([DAY, TODAY], { compactBefore: TODAY })).tally).toEqual(before.tally);
  });

  it('still counts a record written for a day after it was compacted, and a case recorded again only once', async () => {
    const storage = new MemoryStore();
    const store = new StatisticsStore(storage);
    await store.put('case-1', onDay(DAY, ['vraag', 'klaar']));
    await store.put('case-2', onDay(DAY, ['vraag', 'klaar']));
    await store.read([DAY], { compactBefore: TODAY });
    // A case that ended just before midnight, recorded after; and case-1 delivered again.
    await store.put('case-late', onDay(DAY, ['vraag'], 'gestopt'));
    await store.put('case-1', onDay(DAY, ['vraag', 'klaar']));
    for (const reader of [store, new StatisticsStore(storage)]) {
      const { tally } = await reader.read([DAY], { compactBefore: TODAY });
      expect(endingsIn(tally)).toEqual(['gestopt', 'opgelost', 'opgelost']);
    }
  });

  it('lets two instances compact the same day at once: one document, every case counted once by both', async () => {
    const storage = new MemoryStore();
    const writer = new StatisticsStore(storage);
    for (let i = 0; i < 30; i++) await writer.put(`case-${i}`, onDay(DAY, ['vraag', `stap-${i % 3}`]));
    const [a, b] = await Promise.all([new StatisticsStore(storage).read([DAY], { compactBefore: TODAY }), new StatisticsStore(storage).read([DAY], { compactBefore: TODAY })]);
    expect(casesIn(a.tally)).toBe(30);
    expect(casesIn(b.tally)).toBe(30);
    expect(await keysUnder(storage, COMPACTED_PREFIX)).toEqual([`${COMPACTED_PREFIX}${DAY}`]);
    expect((await new StatisticsStore(storage).read([DAY], { compactBefore: TODAY })).tally).toEqual(a.tally);
  });
});
