import { describe, expect, it } from 'vitest';
import { flattenSegments } from '../schedules/flatten.js';
import { datesBetween, localDate } from './local-time.js';
import { GENERATED_CODES, planSetup } from './plan-setup.js';
import { planDay, planSchedules, SHIFT_MINUTES } from './plan-schedules.js';

const zone = 'Europe/Paris';
const setup = planSetup({ seed: 3, agents: 21, skills: 2, timeZone: zone });
// Four weeks around the spring DST change (2026-03-29 in Paris).
const dates = datesBetween('2026-03-09', '2026-04-05');
const days = planSchedules(3, setup.employees, dates, zone);
const priority = new Map(GENERATED_CODES.map((c) => [c.name, c.priority]));

describe('planSchedules', () => {
  it('is the same for the same seed', () => {
    expect(planSchedules(3, setup.employees, dates, zone)).toEqual(days);
    expect(planSchedules(4, setup.employees, dates, zone)).not.toEqual(days);
  });

  it('gives every employee five working days a week', () => {
    for (const e of setup.employees) {
      const worked = days.filter((d) => d.employeeIndex === e.index && d.segments.length > 0);
      expect(worked.length).toBe(20);
    }
  });

  it('lays out whole-minute segments, one Open shift of 8 h 30 with overlays inside, no equal-priority overlap', () => {
    for (const day of days.filter((d) => d.segments.length > 0)) {
      const shifts = day.segments.filter((s) => s.code === 'Open');
      expect(shifts).toHaveLength(1);
      const shift = shifts[0]!;
      expect(shift.end - shift.start).toBe(SHIFT_MINUTES * 60_000);
      expect(localDate(shift.start, zone)).toBe(day.date);
      for (const s of day.segments) {
        expect(s.start % 60_000).toBe(0);
        expect(s.end % 60_000).toBe(0);
        expect(s.start).toBeLessThan(s.end);
        expect(s.start).toBeGreaterThanOrEqual(shift.start);
        expect(s.end).toBeLessThanOrEqual(shift.end);
      }
      for (const a of day.segments) {
        for (const b of day.segments) {
          if (a === b || priority.get(a.code) !== priority.get(b.code)) continue;
          expect(a.end <= b.start || b.end <= a.start).toBe(true);
        }
      }
      const codes = day.segments.map((s) => s.code);
      expect(codes.filter((c) => c === 'Break')).toHaveLength(2);
      expect(codes.filter((c) => c === 'Lunch')).toHaveLength(1);
    }
  });

  it('keeps shifts on the wall clock across the DST change', () => {
    const e = setup.employees[0]!;
    const before = planDay(3, e, '2026-03-27', zone).segments[0]!;
    const after = planDay(3, e, '2026-03-30', zone).segments[0]!;
    const wall = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' });
    // Employee 0 works the mid shift (09:00, UTC+1) in ISO week 13 and the late one (12:30, UTC+2) in week 14.
    expect([wall(before.start), new Date(before.start).toISOString()]).toEqual(['09:00', '2026-03-27T08:00:00.000Z']);
    expect([wall(after.start), new Date(after.start).toISOString()]).toEqual(['12:30', '2026-03-30T10:30:00.000Z']);
  });

  it('flattens a day into Open pieces broken by the overlays', () => {
    const day = days.find((d) => d.segments.length === 4)!;
    const flat = flattenSegments(day.segments.map((s) => ({ start: s.start, end: s.end, activityCodeId: s.code, priority: priority.get(s.code)! })));
    expect(flat.map((s) => s.activityCodeId)).toEqual(['Open', 'Break', 'Open', 'Lunch', 'Open', 'Break', 'Open']);
  });
});
