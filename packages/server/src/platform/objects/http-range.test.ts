import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, parseRangeHeader } from './http-range.js';

describe('parseRangeHeader', () => {
  it.each([
    [undefined, 1000, { kind: 'full' }],
    ['bytes=0-99', 1000, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=100-', 1000, { kind: 'partial', start: 100, end: 999 }],
    ['bytes=-100', 1000, { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', 1000, { kind: 'partial', start: 0, end: 999 }],
    ['bytes=990-5000', 1000, { kind: 'partial', start: 990, end: 999 }],
    ['bytes=999-999', 1000, { kind: 'partial', start: 999, end: 999 }],
    ['bytes=1000-', 1000, { kind: 'unsatisfiable' }],
    ['bytes=1000-1001', 1000, { kind: 'unsatisfiable' }],
    ['bytes=-0', 1000, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=-1', 0, { kind: 'unsatisfiable' }],
    ['bytes=5-4', 1000, { kind: 'full' }],
    ['bytes=-', 1000, { kind: 'full' }],
    ['bytes=0-1,5-6', 1000, { kind: 'full' }],
    ['items=0-1', 1000, { kind: 'full' }],
    ['bytes=a-b', 1000, { kind: 'full' }],
  ] as const)('%s of %i bytes is %o', (header, size, expected) => {
    expect(parseRangeHeader(header, size)).toEqual(expected);
  });

  it('always answers a partial range inside the object', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.option(fc.nat(20_000), { nil: undefined }),
        fc.option(fc.nat(20_000), { nil: undefined }),
        (size, a, b) => {
          const answer = parseRangeHeader(`bytes=${a ?? ''}-${b ?? ''}`, size);
          if (answer.kind !== 'partial') return;
          expect(answer.start).toBeGreaterThanOrEqual(0);
          expect(answer.end).toBeGreaterThanOrEqual(answer.start);
          expect(answer.end).toBeLessThan(size);
        },
      ),
    );
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('agents 2024.csv')).toBe(
      `attachment; filename="agents 2024.csv"; filename*=UTF-8''agents%202024.csv`,
    );
    expect(attachmentDisposition('Mitarbeiter "Ü" (1).csv')).toBe(
      `attachment; filename="Mitarbeiter ___ (1).csv"; filename*=UTF-8''Mitarbeiter%20%22%C3%9C%22%20%281%29.csv`,
    );
  });
});
