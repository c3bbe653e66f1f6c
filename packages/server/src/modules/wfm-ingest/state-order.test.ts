import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyStates, fromMicros, toMicros, type StoredState } from './state-order.js';

const s = (loginId: string, eventMicros: number, arrival: number): StoredState => ({
  loginId,
  eventMicros,
  eventCode: 'E',
  reasonCode: '',
  arrival,
});

describe('classifyStates', () => {
  it('moves forward through a batch sent newest first, in time order', () => {
    const r = classifyStates([s('a', 30, 1), s('a', 10, 2), s('a', 20, 3)], new Map());
    expect(r.forward.map((x) => x.eventMicros)).toEqual([10, 20, 30]);
    expect(r.late).toEqual([]);
    expect(r.latest.get('a')?.eventMicros).toBe(30);
  });

  it('marks states older than the current one as late', () => {
    const r = classifyStates([s('a', 5, 9), s('a', 50, 10), s('b', 1, 11)], new Map([['a', { eventMicros: 10, arrival: 1 }]]));
    expect(r.late.map((x) => x.eventMicros)).toEqual([5]);
    expect(r.forward.map((x) => `${x.loginId}${x.eventMicros}`)).toEqual(['a50', 'b1']);
  });

  it('breaks ties of equal time by arrival', () => {
    const r = classifyStates([s('a', 10, 5)], new Map([['a', { eventMicros: 10, arrival: 4 }]]));
    expect(r.forward).toHaveLength(1);
    const r2 = classifyStates([s('a', 10, 3)], new Map([['a', { eventMicros: 10, arrival: 4 }]]));
    expect(r2.late).toHaveLength(1);
  });
});

describe('micro timestamps', () => {
  it('keeps wire precision', () => {
    expect(fromMicros(toMicros('2023-10-01T07:59:09.860Z'))).toBe('2023-10-01T07:59:09.860Z');
    expect(fromMicros(toMicros('2023-10-01T07:59:09.860123+00:00'))).toBe('2023-10-01T07:59:09.860123Z');
    expect(fromMicros(toMicros('2023-10-01T07:59:09Z'))).toBe('2023-10-01T07:59:09.000Z');
  });

  it('round-trips every microsecond instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 946_684_800_000_000, max: 4_102_444_800_000_000 }), (micros) => {
        expect(toMicros(fromMicros(micros))).toBe(micros);
      }),
    );
  });
});
