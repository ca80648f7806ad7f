import { z } from 'zod';
import { EtagConflict, type Store } from '../storage/store.js';
import { statisticsRecordSchema, type StatisticsRecord } from './statistics-record.js';

/** Storage key prefix of statistics records: `baliewijzer/statistics/<day>/<record id>`. */
export const STATISTICS_PREFIX = 'baliewijzer/statistics/';
/** Storage key prefix of compacted days: `baliewijzer/statistics-days/<day>`, one document per past day. */
export const COMPACTED_PREFIX = 'baliewijzer/statistics-days/';

const dayPrefix = (day: string): string => `${STATISTICS_PREFIX}${day}/`;
const DAY_OF_KEY = /^baliewijzer\/statistics\/(\d{4}-\d{2}-\d{2})\/(.+)$/;

/** A compacted day: every record of the day by its id, as the day's records were when it was compacted. */
const compactedDaySchema = z.strictObject({ v: z.literal(1), day: z.string(), records: z.record(z.string(), z.unknown()) });

/** One day's records by id, and how many of its stored records could not be read. */
interface DayRecords {
  readonly records: ReadonlyMap<string, StatisticsRecord>;
  readonly unreadable: number;
}

/** A day's single records, with the version each was read at (compaction deletes only that version). */
interface LooseRecords extends DayRecords {
  readonly eTags: ReadonlyMap<string, { readonly key: string; readonly eTag: string }>;
}

/** Compacted days kept in memory at most (a report covers 90). */
const MAX_CACHED_DAYS = 400;

export interface ReadOptions {
  /**
   * Days before this one (YYYY-MM-DD, today) are over: their records are compacted into one
   * document per day when read, and the compacted days are kept in memory.
   */
  readonly compactBefore?: string;
}

/**
 * Case statistics in the bot's own storage, one record per case under its own key, so every
 * instance writes to the same place and no two case ends ever write the same document: nothing
 * to retry, nothing lost in a burst. A past day is compacted the first time it is read: its
 * records go into one document per day, created only if absent (so two instances compacting the
 * same day cannot clash: the second reads the first's), then the single records are deleted. A
 * record written for a day after it was compacted (a case ending at midnight, a turn delivered
 * again) stays a single record and is still counted, once. Compacted days never change, so they
 * are kept in memory: a 90-day report reads 90 small documents once, then only today's records.
 */
export class StatisticsStore {
  private readonly compacted = new Map<string, DayRecords>();

  constructor(private readonly store: Store) {}

  /** Records a case; the same id again replaces its record. */
  async put(id: string, record: StatisticsRecord): Promise<void> {
    await this.store.write(`${dayPrefix(record.day)}${id}`, record);
  }

  /** Every readable record of these days (YYYY-MM-DD); records that no longer parse are counted, not returned. */
  async read(days: readonly string[], options: ReadOptions = {}): Promise<{ readonly records: StatisticsRecord[]; readonly unreadable: number }> {
    const wanted = new Set(days);
    // One listing for every day's single records: after compaction, only today's and late ones.
    const singles = new Map<string, string[]>();
    for await (const listed of this.store.list(STATISTICS_PREFIX)) {
      const match = DAY_OF_KEY.exec(listed.key);
      const day = match?.[1];
      if (day === undefined || !wanted.has(day)) continue;
      const keys = singles.get(day);
      if (keys) keys.push(listed.key);
      else singles.set(day, [listed.key]);
    }
    const records: StatisticsRecord[] = [];
    let unreadable = 0;
    for (const day of days) {
      const over = options.compactBefore !== undefined && day < options.compactBefore;
      const keys = singles.get(day) ?? [];
      let compacted = over ? await this.compactedDay(day) : undefined;
      const loose = await this.readSingles(keys, compacted);
      if (over && compacted === undefined && loose.records.size > 0) compacted = await this.compact(day, loose);
      if (compacted) {
        for (const record of compacted.records.values()) records.push(record);
        unreadable += compacted.unreadable;
      }
      for (const [id, record] of loose.records) if (!compacted?.records.has(id)) records.push(record);
      unreadable += loose.unreadable;
    }
    return { records, unreadable };
  }

  /** The single records under `keys`, but those a compacted day already holds. */
  private async readSingles(keys: readonly string[], compacted: DayRecords | undefined): Promise<LooseRecords> {
    const idOf = (key: string): string => DAY_OF_KEY.exec(key)?.[2] ?? key;
    const wanted = keys.filter((key) => !compacted?.records.has(idOf(key)));
    const records = new Map<string, StatisticsRecord>();
    const eTags = new Map<string, { key: string; eTag: string }>();
    let unreadable = 0;
    for (const [key, stored] of await this.store.readMany(wanted)) {
      const parsed = statisticsRecordSchema.safeParse(stored.value);
      if (!parsed.success) {
        unreadable += 1;
        continue;
      }
      records.set(idOf(key), parsed.data);
      eTags.set(idOf(key), { key, eTag: stored.eTag });
    }
    return { records, unreadable, eTags };
  }

  /** A past day's compacted document, from memory or storage; undefined when the day was not compacted yet. */
  private async compactedDay(day: string): Promise<DayRecords | undefined> {
    const cached = this.compacted.get(day);
    if (cached) return cached;
    const stored = await this.store.read(`${COMPACTED_PREFIX}${day}`);
    if (!stored) return undefined;
    return this.remember(day, parseCompacted(stored.value));
  }

  /**
   * Writes the day's records as its compacted document (create-only) and deletes the single
   * records it holds; another instance that compacted first wins, and its document is used.
   */
  private async compact(day: string, loose: LooseRecords): Promise<DayRecords> {
    try {
      await this.store.write(`${COMPACTED_PREFIX}${day}`, { v: 1, day, records: Object.fromEntries(loose.records) }, { ifAbsent: true });
    } catch (error) {
      if (!(error instanceof EtagConflict)) throw error;
      return (await this.compactedDay(day)) ?? loose;
    }
    for (const { key, eTag } of loose.eTags.values()) {
      // Only the version that was compacted: a record rewritten meanwhile stays, and is counted once by its id.
      await this.store.delete(key, { ifMatch: eTag }).catch((error: unknown) => {
        if (!(error instanceof EtagConflict)) throw error;
      });
    }
    return this.remember(day, { records: loose.records, unreadable: 0 });
  }

  private remember(day: string, records: DayRecords): DayRecords {
    this.compacted.set(day, records);
    if (this.compacted.size > MAX_CACHED_DAYS) this.compacted.delete([...this.compacted.keys()].sort()[0] ?? day);
    return records;
  }
}

/** A compacted day's records; a record that no longer parses is counted, the rest kept. */
function parseCompacted(value: unknown): DayRecords {
  const parsed = compactedDaySchema.safeParse(value);
  if (!parsed.success) return { records: new Map(), unreadable: 1 };
  const records = new Map<string, StatisticsRecord>();
  let unreadable = 0;
  for (const [id, raw] of Object.entries(parsed.data.records)) {
    const record = statisticsRecordSchema.safeParse(raw);
    if (record.success) records.set(id, record.data);
    else unreadable += 1;
  }
  return { records, unreadable };
}
