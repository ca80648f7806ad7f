import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStorage } from '../../src/storage/file-storage.js';
import type { StatisticsRecord } from '../../src/statistics/statistics-record.js';
import { dayKeys, StatisticsStore } from '../../src/statistics/statistics-store.js';

const DAY = '2026-03-02';
const record = (path: string[], ending: StatisticsRecord['ending'] = 'opgelost'): StatisticsRecord => ({ v: 1, flowId: 'proef', flowVersion: 1, path, ending, durationMs: 60_000, day: DAY });

/**
 * A storage where the first `n` reads of a key all happen before any write to it: two instances
 * that both find a day's document missing and both create it, the one write that cannot carry an eTag.
 */
class CreationRace implements Storage {
  private waiting: Array<() => void> = [];
  constructor(
    private readonly inner: Storage,
    private readers: number,
  ) {}
  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    if (this.readers > 0) {
      this.readers -= 1;
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        if (this.readers === 0) this.waiting.splice(0).forEach((go) => go());
      });
    }
    return items;
  }
  write(changes: StoreItems): Promise<void> {
    return this.inner.write(changes);
  }
  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

describe('statistics in the bot storage, shared by every instance', () => {
  it('keeps every case when two instances record twenty cases on the same day at once', async () => {
    const storage = new MemoryStorage();
    const first = new StatisticsStore(storage);
    const second = new StatisticsStore(storage);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).put(`case-${i}`, record(['vraag', `stap-${i}`]))));
    const { records } = await first.read([DAY]);
    expect(records).toHaveLength(20);
  });

  it('keeps both cases when two instances create the day at the same moment', async () => {
    const storage = new CreationRace(new MemoryStorage(), 2);
    const first = new StatisticsStore(storage);
    const second = new StatisticsStore(storage);
    await Promise.all([first.put('a', record(['vraag', 'klaar'])), second.put('b', record(['vraag', 'doe-iets'], 'gestopt'))]);
    const { records } = await new StatisticsStore(storage).read([DAY]);
    expect(records.map((r) => r.ending).sort()).toEqual(['gestopt', 'opgelost']);
  });

  it('counts a case recorded twice (a turn run again after a conflict) once, with its last record', async () => {
    const store = new StatisticsStore(new MemoryStorage());
    await store.put('same-case', record(['vraag']));
    await store.put('same-case', record(['vraag', 'doe-iets'], 'gestopt'));
    expect((await store.read([DAY])).records).toEqual([record(['vraag', 'doe-iets'], 'gestopt')]);
  });

  it('skips a record it cannot read and says how many it skipped', async () => {
    const storage = new MemoryStorage();
    const store = new StatisticsStore(storage);
    await store.put('good', record(['vraag', 'klaar']));
    const items = await storage.read(dayKeys(DAY));
    const [key, day] = Object.entries(items)[0] as [string, { records: Record<string, unknown> }];
    await storage.write({ [key]: { ...day, records: { ...day.records, odd: { v: 2, something: 'else' } } } });
    expect(await store.read([DAY, '2026-03-03'])).toEqual({ records: [record(['vraag', 'klaar'])], unreadable: 1 });
  });
});

describe('many case ends at once (the bench found one document per day a hot spot)', () => {
  it('keeps all of 300 records written concurrently to the file storage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stats-'));
    try {
      const store = new StatisticsStore(FileStorage.open(dir));
      await Promise.all(Array.from({ length: 300 }, (_, i) => store.put(`case-${i}`, record(['vraag', 'klaar']))));
      const { records, unreadable } = await store.read([DAY]);
      expect(records).toHaveLength(300);
      expect(unreadable).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
