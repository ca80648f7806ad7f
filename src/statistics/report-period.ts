import { dayOf } from './statistics-record.js';
import { DAY_MS } from '../clock/durations.js';

/** How far back `statistieken` and `npm run report` look by default. */
export const DEFAULT_REPORT_DAYS = 90;


/** The `days` UTC days up to and including the day of `now`, oldest first. */
export function lastDays(now: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) => dayOf(new Date(now.getTime() - (days - 1 - i) * DAY_MS)));
}
