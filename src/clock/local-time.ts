/**
 * The library's wall clock: which local day and time a moment is in a time zone (config
 * TIME_ZONE), and back. Intl does the zone rules, so daylight saving time needs no table here.
 */

/** The time zone when none is configured (config TIME_ZONE's default). */
export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

const clocks = new Map<string, Intl.DateTimeFormat>();

function clockIn(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** A moment as the wall clock in `timeZone` shows it: the day (YYYY-MM-DD) and the minutes since midnight. */
export function localClock(at: Date, timeZone: string = DEFAULT_TIME_ZONE): { readonly day: string; readonly minutes: number } {
  const parts = clockIn(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return { day: `${part('year')}-${part('month')}-${part('day')}`, minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** "16:45" as minutes since midnight. */
export function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * The moment a local day and time (`2026-11-30`, `09:00`) stand for in `timeZone`. In the hour a
 * clock is put back, the first of the two; a time skipped when it is put forward reads as an hour
 * later.
 */
export function zonedMoment(day: string, time: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  // The zone's offset at a first guess, then at the corrected moment (they differ only around a change).
  const guess = wall - offsetMs(new Date(wall), timeZone);
  return new Date(wall - offsetMs(new Date(guess), timeZone));
}

/** How far the wall clock in `timeZone` is ahead of UTC at `at` (whole minutes). */
function offsetMs(at: Date, timeZone: string): number {
  const { day, minutes } = localClock(at, timeZone);
  const minute = Math.floor(at.getTime() / 60_000) * 60_000;
  return Date.parse(`${day}T00:00:00Z`) + minutes * 60_000 - minute;
}
