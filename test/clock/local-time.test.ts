import { describe, expect, it } from 'vitest';
import { localClock, zonedMoment } from '../../src/clock/local-time.js';

describe("the library's wall clock", () => {
  it('reads a moment as the local day and minutes, in winter and in summer time', () => {
    expect(localClock(new Date('2026-11-30T15:45:00Z'), 'Europe/Amsterdam')).toEqual({ day: '2026-11-30', minutes: 16 * 60 + 45 });
    expect(localClock(new Date('2026-06-30T14:45:00Z'), 'Europe/Amsterdam')).toEqual({ day: '2026-06-30', minutes: 16 * 60 + 45 });
    expect(localClock(new Date('2026-06-30T22:30:00Z'), 'Europe/Amsterdam')).toEqual({ day: '2026-07-01', minutes: 30 });
  });

  it('finds the moment of a local time, also on the days the clock changes', () => {
    expect(zonedMoment('2026-11-30', '09:00', 'Europe/Amsterdam').toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(zonedMoment('2026-06-30', '09:00', 'Europe/Amsterdam').toISOString()).toBe('2026-06-30T07:00:00.000Z');
    // 29 March 2026: 02:00 becomes 03:00; 25 October 2026: 03:00 becomes 02:00 again.
    expect(zonedMoment('2026-03-29', '12:00', 'Europe/Amsterdam').toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(zonedMoment('2026-10-25', '12:00', 'Europe/Amsterdam').toISOString()).toBe('2026-10-25T11:00:00.000Z');
    expect(zonedMoment('2026-11-30', '09:00', 'UTC').toISOString()).toBe('2026-11-30T09:00:00.000Z');
  });
});
