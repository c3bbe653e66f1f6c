import { describe, expect, it } from 'vitest';
import { addDays, applyDayFactors, dayCount, daysBetween, excludeSpecialDays, isoWeekday, slotsPerDay, slotsPerWeek, type SkillSeries } from './series.js';

const series = (days: number): SkillSeries => ({ intervalMinutes: 60, zone: 'UTC', startDate: '2024-12-23', values: Array.from({ length: days * 24 }, (_, i) => i) });

describe('series helpers (spec §5.1)', () => {
  it('has S1 = 1440/I and S2 = 7·S1', () => {
    expect([5, 15, 30, 60].map((m) => slotsPerDay(m as 5))).toEqual([288, 96, 48, 24]);
    expect(slotsPerWeek(15)).toBe(672);
    expect(() => slotsPerDay(20 as 15)).toThrow(RangeError);
  });

  it('does calendar arithmetic on local dates', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(daysBetween('2024-03-01', '2024-03-15')).toBe(14);
    expect(isoWeekday('2024-01-01')).toBe(1);
    expect(isoWeekday('2024-12-29')).toBe(7);
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
  });

  it('counts whole days and refuses a partial one', () => {
    expect(dayCount(series(3))).toBe(3);
    expect(() => dayCount({ ...series(1), values: [1, 2] })).toThrow(RangeError);
  });

  it('makes excluded special days missing, keeps the others and ignores dates outside', () => {
    const out = excludeSpecialDays(series(4), [
      { date: '2024-12-25', label: 'Christmas' },
      { date: '2024-12-24', label: 'Eve', excludeFromHistory: false, factor: 0.5 },
      { date: '2025-01-01', label: 'New Year' },
    ]);
    expect(out.values.slice(48, 72).every((v) => v === null)).toBe(true);
    expect(out.values.slice(24, 48)).toEqual(series(4).values.slice(24, 48));
    expect(out.values.filter((v) => v === null)).toHaveLength(24);
  });

  it('scales a special day by its factor', () => {
    const out = applyDayFactors(series(2), [{ date: '2024-12-24', label: 'Eve', factor: 0.5 }]);
    expect(out.values[24]).toBe(12);
    expect(out.values[47]).toBe(23.5);
    expect(out.values[23]).toBe(23);
    expect(() => applyDayFactors(series(2), [{ date: '2024-12-24', label: 'x', factor: -1 }])).toThrow(RangeError);
  });
});
