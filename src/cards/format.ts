/** How times and durations are written on cards and in the report, as the desk reads them. */

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

const DATE_FORMAT = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'short' });

/** "23 nov 2026 09:41" in Dutch local time, as the desk reads it. */
export function formatWhen(iso: string): string {
  return DATE_FORMAT.format(new Date(iso));
}
