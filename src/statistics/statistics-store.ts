import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import type { Storage } from 'botbuilder';
import { z } from 'zod';
import { isETagConflict } from '../storage/etag-conflict.js';
import { eTagOf } from '../storage/stored-item.js';
import { dayOf, statisticsRecordSchema, type StatisticsRecord } from './statistics-record.js';

const PREFIX = 'baliewijzer/statistics/';
const MAX_CONFLICT_RETRIES = 12;
/** How long a shard's creator waits before checking that no concurrent creation replaced its write. */
const CREATION_SETTLE_MS = 25;
/**
 * Each day is split over this many documents by record id. One document per day was a hot spot:
 * under load (bench: 50 staff) every case end raced for it and some writes gave up.
 */
export const SHARDS_PER_DAY = 16;

/** The shard of a record id: stable, spread evenly enough for hashed ids. */
function shardOf(id: string): number {
  let sum = 0;
  for (let i = 0; i < id.length; i++) sum = (sum * 31 + id.charCodeAt(i)) >>> 0;
  return sum % SHARDS_PER_DAY;
}

const shardKey = (day: string, shard: number): string => `${PREFIX}${day}/${String(shard).padStart(2, '0')}`;

/** Every storage key a day's records may be under. */
export const dayKeys = (day: string): string[] => Array.from({ length: SHARDS_PER_DAY }, (_, shard) => shardKey(day, shard));
/** Writers that lost an eTag race wait a random moment, growing per attempt, so they stop colliding. */
const backoff = (attempt: number): Promise<void> => sleep(Math.random() * 15 * attempt);

/** A day's document as stored: records by id. Each record is parsed on its own, so one bad record does not hide a day. */
const dayDocumentSchema = z.object({ records: z.record(z.string(), z.unknown()), eTag: z.string().optional() });

interface DayDocument {
  readonly records: Readonly<Record<string, unknown>>;
  readonly eTag?: string;
}

/**
 * Case statistics in the bot's own storage, a few documents per day
 * (`baliewijzer/statistics/<day>/<shard>`), so every instance writes to the same place and a report
 * reads {@link SHARDS_PER_DAY} documents per day. Writes
 * carry the document's eTag: when two instances add a case to the same day at once, one write is
 * refused and retried on the newer document. A day's first write cannot be conditional (botbuilder
 * storages have no "create only"), so it is read back and retried when another instance's first
 * write replaced it.
 */
export class StatisticsStore {
  private readonly prepared = new Map<string, Promise<void>>();

  constructor(private readonly storage: Storage) {}

  /** Adds (or replaces) the record with this id in its day's shard. */
  async put(id: string, record: StatisticsRecord): Promise<void> {
    await this.prepare(record.day);
    const key = shardKey(record.day, shardOf(id));
    for (let attempt = 1; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      if (attempt > 1) await backoff(attempt);
      const current = await this.readDay(key);
      if (isDeepStrictEqual(current.records[id], record)) return;
      try {
        await this.storage.write({ [key]: { records: { ...current.records, [id]: record }, eTag: current.eTag ?? '*' } });
      } catch (error) {
        if (isETagConflict(error)) continue;
        throw error;
      }
      if (current.eTag !== undefined) return;
      // The shard's first write could not carry an eTag, so another first write may land just after
      // it and replace it. Read back once those have landed; if our record is gone, go again with the eTag.
      await sleep(CREATION_SETTLE_MS + Math.random() * CREATION_SETTLE_MS);
      if (isDeepStrictEqual((await this.readDay(key)).records[id], record)) return;
    }
    throw new Error(`statistics: could not write day ${record.day} after ${MAX_CONFLICT_RETRIES} attempts`);
  }

  /**
   * Creates the shards of the day `now` falls on and of the next day, unless this process did so
   * already. Called at start-up and every hour (StoredCaseStatistics.start), so shards exist
   * before the first case of a day ends and a case end never has to create one.
   */
  prepareAhead(now: Date): Promise<void> {
    return this.prepare(dayOf(now));
  }

  /**
   * Creates the empty shards of `day` and of the day after, once per day per process. A shard's
   * creation is the one write that cannot carry an eTag (botbuilder storages have no "create
   * only"): done ahead of time, no record write ever races with it, and concurrent creators only
   * write the same empty document.
   */
  private prepare(day: string): Promise<void> {
    let prepared = this.prepared.get(day);
    if (!prepared) {
      prepared = Promise.all([day, nextDay(day)].map((d) => this.createMissingShards(d))).then(() => undefined);
      this.prepared.set(day, prepared);
      prepared.catch(() => this.prepared.delete(day));
      if (this.prepared.size > 4) this.prepared.delete(this.prepared.keys().next().value ?? day);
    }
    return prepared;
  }

  private async createMissingShards(day: string): Promise<void> {
    const keys = dayKeys(day);
    const existing = await this.storage.read(keys);
    const missing = keys.filter((key) => existing[key] === undefined);
    if (missing.length > 0) await this.storage.write(Object.fromEntries(missing.map((key) => [key, { records: {}, eTag: '*' }])));
  }

  /** Every readable record of these days (YYYY-MM-DD); records that no longer parse are counted, not returned. */
  async read(days: readonly string[]): Promise<{ readonly records: StatisticsRecord[]; readonly unreadable: number }> {
    const records: StatisticsRecord[] = [];
    let unreadable = 0;
    const allKeys = days.flatMap(dayKeys);
    for (let i = 0; i < allKeys.length; i += 64) {
      const keys = allKeys.slice(i, i + 64);
      const items = await this.storage.read(keys);
      for (const key of keys) {
        const day = parseDay(items[key]);
        for (const raw of Object.values(day.records)) {
          const parsed = statisticsRecordSchema.safeParse(raw);
          if (parsed.success) records.push(parsed.data);
          else unreadable += 1;
        }
      }
    }
    return { records, unreadable };
  }

  private async readDay(key: string): Promise<DayDocument> {
    const items = await this.storage.read([key]);
    return parseDay(items[key]);
  }
}

/** The calendar day after a YYYY-MM-DD day (UTC). */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function parseDay(raw: unknown): DayDocument {
  if (raw === undefined || raw === null) return { records: {} };
  const parsed = dayDocumentSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // A day document that does not parse counts as empty; the next write replaces it, still with its eTag.
  return { records: {}, eTag: eTagOf(raw) };
}
