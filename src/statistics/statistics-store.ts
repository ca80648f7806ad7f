import type { Store } from '../storage/store.js';
import { statisticsRecordSchema, type StatisticsRecord } from './statistics-record.js';

/** Storage key prefix of statistics records: `baliewijzer/statistics/<day>/<record id>`. */
export const STATISTICS_PREFIX = 'baliewijzer/statistics/';

const dayPrefix = (day: string): string => `${STATISTICS_PREFIX}${day}/`;

/**
 * Case statistics in the bot's own storage, one record per case under its own key, so every
 * instance writes to the same place and no two case ends ever write the same document: nothing
 * to retry, nothing lost in a burst. Reading a period lists and reads each day's records and
 * aggregates them (statistics-report.ts).
 */
export class StatisticsStore {
  constructor(private readonly store: Store) {}

  /** Records a case; the same id again replaces its record. */
  async put(id: string, record: StatisticsRecord): Promise<void> {
    await this.store.write(`${dayPrefix(record.day)}${id}`, record);
  }

  /** Every readable record of these days (YYYY-MM-DD); records that no longer parse are counted, not returned. */
  async read(days: readonly string[]): Promise<{ readonly records: StatisticsRecord[]; readonly unreadable: number }> {
    const records: StatisticsRecord[] = [];
    let unreadable = 0;
    for (const day of days) {
      const keys: string[] = [];
      for await (const listed of this.store.list(dayPrefix(day))) keys.push(listed.key);
      for (const stored of (await this.store.readMany(keys)).values()) {
        const parsed = statisticsRecordSchema.safeParse(stored.value);
        if (parsed.success) records.push(parsed.data);
        else unreadable += 1;
      }
    }
    return { records, unreadable };
  }
}
