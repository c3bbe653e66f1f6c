import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSchedule, parseSpeed } from './schedule.js';

const t = (iso: string) => Date.parse(iso);

describe('parseSpeed', () => {
  it('reads max and <n>x', () => {
    expect(parseSpeed('max')).toEqual({ kind: 'max' });
    expect(parseSpeed('MAX')).toEqual({ kind: 'max' });
    expect(parseSpeed('60x')).toEqual({ kind: 'factor', factor: 60 });
    expect(parseSpeed('1x')).toEqual({ kind: 'factor', factor: 1 });
    expect(parseSpeed('0.5x')).toEqual({ kind: 'factor', factor: 0.5 });
  });

  it('refuses anything else', () => {
    for (const bad of ['60', 'x', '0x', '-2x', 'fast', '', '1e3x']) expect(() => parseSpeed(bad), bad).toThrow(`speed must be "max" or a positive factor like "60x", got "${bad}"`);
  });
});

describe('createSchedule', () => {
  const start = 1_000_000;
  const first = t('2024-04-17T08:00:00Z');

  it('at max, everything is due at the start', () => {
    const s = createSchedule(start, first, { kind: 'max' });
    expect(s.dueAt(first)).toBe(start);
    expect(s.dueAt(t('2024-04-18T08:00:00Z'))).toBe(start);
  });

  it('at 60x, an hour of event time takes a minute; a window is due at its end', () => {
    const s = createSchedule(start, first, { kind: 'factor', factor: 60 });
    expect(s.dueAt(first)).toBe(start);
    expect(s.dueAt(t('2024-04-17T08:00:30Z'))).toBe(start + 500);
    expect(s.dueAt(t('2024-04-17T09:00:00Z'))).toBe(start + 60_000);
    // the 08:00-08:15 window is due when 08:15 is
    expect(s.dueAt(t('2024-04-17T08:15:00Z'))).toBe(start + 15_000);
  });

  it('at 1x, event time is wall time', () => {
    expect(createSchedule(start, first, { kind: 'factor', factor: 1 }).dueAt(first + 12_345)).toBe(start + 12_345);
  });

  it('never schedules later events earlier (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 10_000, noNaN: true }), fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 0, max: 1e10 }), (factor, a, b) => {
        const s = createSchedule(start, first, { kind: 'factor', factor });
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(s.dueAt(first + x)).toBeLessThanOrEqual(s.dueAt(first + y));
      }),
    );
  });
});
