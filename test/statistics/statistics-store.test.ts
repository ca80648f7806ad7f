import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StatisticsRecord } from '../../src/statistics/statistics-record.js';
import { STATISTICS_PREFIX, StatisticsStore } from '../../src/statistics/statistics-store.js';
import { FileStore } from '../../src/storage/file-store.js';
import { MemoryStore } from '../../src/storage/memory-store.js';

const DAY = '2026-03-02';
const record = (path: string[], ending: StatisticsRecord['ending'] = 'opgelost'): StatisticsRecord => ({ v: 1, flowId: 'proef', flowVersion: 1, path, ending, durationMs: 60_000, day: DAY });

describe('statistics in the bot storage, shared by every instance', () => {
  it('keeps every case when two instances record twenty cases on the same day at once', async () => {
    const storage = new MemoryStore();
    const first = new StatisticsStore(storage);
    const second = new StatisticsStore(storage);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).put(`case-${i}`, record(['vraag', `stap-${i}`]))));
    const { records } = await first.read([DAY]);
    expect(records).toHaveLength(20);
  });

  it('counts a case recorded twice (a turn delivered again) once, with its last record', async () => {
    const store = new StatisticsStore(new MemoryStore());
    await store.put('same-case', record(['vraag']));
    await store.put('same-case', record(['vraag', 'doe-iets'], 'gestopt'));
    expect((await store.read([DAY])).records).toEqual([record(['vraag', 'doe-iets'], 'gestopt')]);
  });

  it('skips a record it cannot read and says how many it skipped', async () => {
    const storage = new MemoryStore();
    const store = new StatisticsStore(storage);
    await store.put('good', record(['vraag', 'klaar']));
    await storage.write(`${STATISTICS_PREFIX}${DAY}/odd`, { v: 2, something: 'else' });
    expect(await store.read([DAY, '2026-03-03'])).toEqual({ records: [record(['vraag', 'klaar'])], unreadable: 1 });
  });
});

describe('many case ends at once (the bench found one document per day a hot spot)', () => {
  it('keeps all of 300 records written concurrently to the file storage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stats-'));
    try {
      const store = new StatisticsStore(FileStore.open(dir));
      await Promise.all(Array.from({ length: 300 }, (_, i) => store.put(`case-${i}`, record(['vraag', 'klaar']))));
      const { records, unreadable } = await store.read([DAY]);
      expect(records).toHaveLength(300);
      expect(unreadable).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
