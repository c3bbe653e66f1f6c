import { describe, expect, it } from 'vitest';
import { addDays, formatClock, localDate, zonedMidnightUtc, zoneOffsetMs } from './time';

describe('zone helpers', () => {
  it('finds local midnight in a zone east of UTC, also on a DST day', () => {
    expect(new Date(zonedMidnightUtc('2026-11-20', 'Europe/Paris')).toISOString()).toBe('2026-11-19T23:00:00.000Z');
    expect(new Date(zonedMidnightUtc('2026-07-01', 'Europe/Paris')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    // The spring-forward day starts at +01:00 and ends at +02:00.
    expect(new Date(zonedMidnightUtc('2026-03-29', 'Europe/Paris')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(zonedMidnightUtc('2026-03-30', 'Europe/Paris')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('finds local midnight west of UTC and with a half-hour offset', () => {
    expect(new Date(zonedMidnightUtc('2026-11-20', 'America/New_York')).toISOString()).toBe('2026-11-20T05:00:00.000Z');
    expect(new Date(zonedMidnightUtc('2026-11-20', 'Asia/Kolkata')).toISOString()).toBe('2026-11-19T18:30:00.000Z');
  });

  it('formats wall-clock times and dates in the zone', () => {
    const t = Date.parse('2026-11-19T23:30:00Z');
    expect(formatClock(t, 'Europe/Paris')).toBe('00:30');
    expect(localDate(t, 'Europe/Paris')).toBe('2026-11-20');
    expect(localDate(t, 'UTC')).toBe('2026-11-19');
    expect(zoneOffsetMs(t, 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('adds calendar days across month ends', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});
