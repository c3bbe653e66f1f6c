import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenSegments, shiftsOf, type PrioritisedSegment } from './flatten.js';

const h = (hours: number) => hours * 3_600_000;
const seg = (start: number, end: number, activityCodeId: string, priority: number): PrioritisedSegment => ({ start: h(start), end: h(end), activityCodeId, priority });

describe('flattenSegments (§1.8)', () => {
  it('overlays a priority-2 break on a priority-5 shift as three segments', () => {
    expect(flattenSegments([seg(9, 17, 'open', 5), seg(12, 12.5, 'break', 2)])).toEqual([
      { start: h(9), end: h(12), activityCodeId: 'open' },
      { start: h(12), end: h(12.5), activityCodeId: 'break' },
      { start: h(12.5), end: h(17), activityCodeId: 'open' },
    ]);
  });

  it('lets the lower priority number win whatever the input order, and merges equal neighbours', () => {
    const a = flattenSegments([seg(10, 11, 'meeting', 3), seg(8, 12, 'open', 5), seg(12, 14, 'open', 5)]);
    expect(a).toEqual([
      { start: h(8), end: h(10), activityCodeId: 'open' },
      { start: h(10), end: h(11), activityCodeId: 'meeting' },
      { start: h(11), end: h(14), activityCodeId: 'open' },
    ]);
  });

  it('keeps gaps uncovered and splits shifts at them', () => {
    const flat = flattenSegments([seg(6, 10, 'open', 5), seg(14, 18, 'open', 5), seg(10, 10.25, 'break', 2)]);
    expect(shiftsOf(flat)).toEqual([
      { start: h(6), end: h(10.25) },
      { start: h(14), end: h(18) },
    ]);
  });

  it('covers exactly the union of the input, never overlapping (property)', () => {
    const arb = fc.array(
      fc.record({ s: fc.integer({ min: 0, max: 95 }), len: fc.integer({ min: 1, max: 40 }), p: fc.integer({ min: 1, max: 10 }), c: fc.constantFrom('a', 'b', 'c') }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, (raw) => {
        const input = raw.map((r) => ({ start: r.s * 900_000, end: (r.s + r.len) * 900_000, activityCodeId: r.c, priority: r.p }));
        const flat = flattenSegments(input);
        for (let i = 1; i < flat.length; i++) expect(flat[i]!.start).toBeGreaterThanOrEqual(flat[i - 1]!.end);
        for (let slot = 0; slot < 140; slot++) {
          const t = slot * 900_000 + 1;
          const covering = input.filter((s) => s.start <= t && t < s.end);
          const hit = flat.find((s) => s.start <= t && t < s.end);
          if (covering.length === 0) expect(hit).toBeUndefined();
          else {
            const best = Math.min(...covering.map((c) => c.priority));
            expect(covering.filter((c) => c.priority === best).map((c) => c.activityCodeId)).toContain(hit?.activityCodeId);
          }
        }
      }),
    );
  });
});
