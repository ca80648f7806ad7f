/**
 * How times and durations are written on cards and in the report, as the desk reads them: dates
 * and times in the library's time zone (config TIME_ZONE), which the callers pass.
 */

import { DEFAULT_TIME_ZONE } from '../clock/local-time.js';

/** "4 min 05 s", "45 s", "1 u 02 min". */
export function formatDuration(startedAt: string, endedAt: string): string {
  return formatMilliseconds(Date.parse(endedAt) - Date.parse(startedAt));
}

/** A duration in ms as {@link formatDuration} writes it. */
export function formatMilliseconds(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} u ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone and style, made once (constructing them is the expensive part). */
function format(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let found = formats.get(key);
  if (!found) {
    found = make();
    formats.set(key, found);
  }
  return found;
}

/** "23 nov 2026 09:41" in the library's local time, as the desk reads it. */
export function formatWhen(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return format(`when:${timeZone}`, () => new Intl.DateTimeFormat('nl-NL', { timeZone, dateStyle: 'medium', timeStyle: 'short' })).format(new Date(iso));
}

/** "20 nov 2026" for a calendar day written as YYYY-MM-DD (a day has no time zone). */
export function formatDay(day: string): string {
  return format('day', () => new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', dateStyle: 'medium' })).format(new Date(`${day}T00:00:00Z`));
}
