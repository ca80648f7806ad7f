import { z } from 'zod';
import { EtagConflict, type ListedKey, type Store } from '../storage/store.js';
import { statisticsRecordSchema, type StatisticsRecord } from './statistics-record.js';
import { addRecords, addTally, tallySchema, type Tally } from './statistics-tally.js';

/** Storage key prefix of statistics records: `baliewijzer/statistics/<day>/<record id>`. */
export const STATISTICS_PREFIX = 'baliewijzer/statistics/';
/** Storage key prefix of compacted days: `baliewijzer/statistics-days/<day>`, one document per past day. */
export const COMPACTED_PREFIX = 'baliewijzer/statistics-days/';

const dayPrefix = (day: string): string => `${STATISTICS_PREFIX}${day}/`;
const DAY_OF_KEY = /^baliewijzer\/statistics\/(\d{4}-\d{2}-\d{2})\/(.+)$/;

/**
 * A compacted day: its cases counted (statistics-tally.ts), and the ids of the records counted,
 * so a record written for the day later is told apart from one counted already.
 */
const compactedDaySchema = z.strictObject({ v: z.literal(1), day: z.string(), ids: z.string(), tally: tallySchema, unreadable: z.number().int().nonnegative() });
/** Record ids (base64url, see statisticsId) joined in one string: one value to parse, not one per case. */
const ID_SEPARATOR = ',';

/** A compacted day as read: its tally, the ids in it, and how many records could not be read. */
interface CompactedDay {
  readonly ids: ReadonlySet<string>;
  readonly tally: Tally;
  readonly unreadable: number;
}

/** A day's single records by id, with the version each was read at (compaction deletes only that version). */
interface LooseRecords {
  readonly records: ReadonlyMap<string, StatisticsRecord>;
  readonly unreadable: number;
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
 * again) stays a single record and is still counted, once. A compacted day holds its cases
 * counted (a tally), not listed, so reading it is one small parse; compacted days never change,
 * so they are kept in memory: a 90-day report reads 90 small documents once, then only today's
 * records.
 */
export class StatisticsStore {
  private readonly compacted = new Map<string, CompactedDay>();
  /** The compacted days of the last report added up, so the next report with the same days does not add them again. */
  private past: { readonly days: string; readonly tally: Tally } | undefined;
  /** Single records read before, by key, with the date they were written: read again only when written again. */
  private readonly singlesRead = new Map<string, { readonly modifiedAt: number; readonly eTag: string; readonly record: StatisticsRecord | undefined }>();

  constructor(private readonly store: Store) {}

  /** Records a case; the same id again replaces its record. */
  async put(id: string, record: StatisticsRecord): Promise<void> {
    await this.store.write(`${dayPrefix(record.day)}${id}`, record);
  }

  /** The cases of these days (YYYY-MM-DD) counted; records that no longer parse are counted apart, not in the tally. */
  async read(days: readonly string[], options: ReadOptions = {}): Promise<{ readonly tally: Tally; readonly unreadable: number }> {
    const wanted = new Set(days);
    // One listing for every day's single records: after compaction, only today's and late ones.
    const singles = new Map<string, ListedKey[]>();
    const listed = new Set<string>();
    for await (const item of this.store.list(STATISTICS_PREFIX)) {
      const day = DAY_OF_KEY.exec(item.key)?.[1];
      if (day === undefined || !wanted.has(day)) continue;
      listed.add(item.key);
      const items = singles.get(day);
      if (items) items.push(item);
      else singles.set(day, [item]);
    }
    for (const key of this.singlesRead.keys()) if (!listed.has(key)) this.singlesRead.delete(key);
    const compactedDays: string[] = [];
    const loose: StatisticsRecord[] = [];
    let unreadable = 0;
    for (const day of days) {
      const over = options.compactBefore !== undefined && day < options.compactBefore;
      let compacted = over ? await this.compactedDay(day) : undefined;
      const read = await this.readSingles(singles.get(day) ?? [], compacted);
      if (over && compacted === undefined && read.records.size > 0) compacted = await this.compact(day, read);
      if (compacted) {
        compactedDays.push(day);
        unreadable += compacted.unreadable;
      }
      for (const [id, record] of read.records) if (!compacted?.ids.has(id)) loose.push(record);
      // A compacted day's unreadable records were counted when it was compacted.
      if (!compacted) unreadable += read.unreadable;
    }
    return { tally: addRecords(addTally({}, this.pastTally(compactedDays)), loose), unreadable };
  }

  /** The compacted days added up (kept for the next report over the same days). */
  private pastTally(days: readonly string[]): Tally {
    const key = days.join(',');
    if (this.past?.days === key) return this.past.tally;
    const tally: Tally = {};
    for (const day of days) {
      const compacted = this.compacted.get(day);
      if (compacted) addTally(tally, compacted.tally);
    }
    this.past = { days: key, tally };
    return tally;
  }

  /** The single records listed, but those a compacted day already holds; a record read before and not written since is not read again. */
  private async readSingles(items: readonly ListedKey[], compacted: CompactedDay | undefined): Promise<LooseRecords> {
    const idOf = (key: string): string => DAY_OF_KEY.exec(key)?.[2] ?? key;
    const records = new Map<string, StatisticsRecord>();
    const eTags = new Map<string, { key: string; eTag: string }>();
    let unreadable = 0;
    const take = (key: string, eTag: string, record: StatisticsRecord | undefined): void => {
      if (record === undefined) {
        unreadable += 1;
        return;
      }
      records.set(idOf(key), record);
      eTags.set(idOf(key), { key, eTag });
    };
    const toRead: ListedKey[] = [];
    for (const item of items) {
      if (compacted?.ids.has(idOf(item.key))) continue;
      const known = this.singlesRead.get(item.key);
      if (known && known.modifiedAt === item.modifiedAt.getTime()) take(item.key, known.eTag, known.record);
      else toRead.push(item);
    }
    const stored = await this.store.readMany(toRead.map((item) => item.key));
    for (const item of toRead) {
      const found = stored.get(item.key);
      if (!found) continue;
      const parsed = statisticsRecordSchema.safeParse(found.value);
      const record = parsed.success ? parsed.data : undefined;
      this.singlesRead.set(item.key, { modifiedAt: item.modifiedAt.getTime(), eTag: found.eTag, record });
      take(item.key, found.eTag, record);
    }
    return { records, unreadable, eTags };
  }

  /** A past day's compacted document, from memory or storage; undefined when the day was not compacted yet. */
  private async compactedDay(day: string): Promise<CompactedDay | undefined> {
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
  private async compact(day: string, loose: LooseRecords): Promise<CompactedDay> {
    const counted: CompactedDay = { ids: new Set(loose.records.keys()), tally: addRecords({}, loose.records.values()), unreadable: loose.unreadable };
    try {
      await this.store.write(`${COMPACTED_PREFIX}${day}`, { v: 1, day, ids: [...counted.ids].join(ID_SEPARATOR), tally: counted.tally, unreadable: counted.unreadable }, { ifAbsent: true });
    } catch (error) {
      if (!(error instanceof EtagConflict)) throw error;
      return (await this.compactedDay(day)) ?? counted;
    }
    for (const { key, eTag } of loose.eTags.values()) {
      // Only the version that was compacted: a record rewritten meanwhile stays, and is counted once by its id.
      await this.store.delete(key, { ifMatch: eTag }).catch((error: unknown) => {
        if (!(error instanceof EtagConflict)) throw error;
      });
    }
    return this.remember(day, counted);
  }

  private remember(day: string, compacted: CompactedDay): CompactedDay {
    this.compacted.set(day, compacted);
    if (this.compacted.size > MAX_CACHED_DAYS) this.compacted.delete([...this.compacted.keys()].sort()[0] ?? day);
    return compacted;
  }
}

/** A compacted day as stored; one that no longer parses counts as one unreadable record. */
function parseCompacted(value: unknown): CompactedDay {
  const parsed = compactedDaySchema.safeParse(value);
  if (!parsed.success) return { ids: new Set(), tally: {}, unreadable: 1 };
  return { ids: new Set(parsed.data.ids === '' ? [] : parsed.data.ids.split(ID_SEPARATOR)), tally: parsed.data.tally, unreadable: parsed.data.unreadable };
}
