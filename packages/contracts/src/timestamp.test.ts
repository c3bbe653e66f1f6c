import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toValidationIssues } from './issues.js';
import {
  TIMESTAMP_MESSAGE,
  TIMESTAMP_TOO_EARLY_MESSAGE,
  formatUtcTimestamp,
  isUtcTimestamp,
  parseUtcTimestamp,
  tryParseUtcTimestamp,
  utcTimestampSchema,
} from './timestamp.js';

const messagesFor = (value: unknown) => {
  const result = z.object({ at: utcTimestampSchema }).safeParse({ at: value });
  return result.success ? [] : toValidationIssues(result.error).map((i) => i.message);
};

describe('utcTimestampSchema', () => {
  it.each([
    ['2024-04-17T10:00:12.000Z', Date.UTC(2024, 3, 17, 10, 0, 12)],
    ['2024-04-17T10:00:12Z', Date.UTC(2024, 3, 17, 10, 0, 12)],
    ['2024-04-17T10:00:12.5+00:00', Date.UTC(2024, 3, 17, 10, 0, 12, 500)],
    ['2024-04-17T10:00:12.123456Z', Date.UTC(2024, 3, 17, 10, 0, 12, 123)],
    ['2024-04-17T10:00:12.999999Z', Date.UTC(2024, 3, 17, 10, 0, 12, 999)],
    ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['2000-01-01T00:00:00Z', Date.UTC(2000, 0, 1)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
  ])('accepts %s', (value, ms) => {
    expect(utcTimestampSchema.parse(value)).toBe(value);
    expect(parseUtcTimestamp(value)).toBe(ms);
  });

  it.each([
    ['2024-04-17T12:00:12+02:00', 'other offset'],
    ['2024-04-17T10:00:12-00:00', 'negative zero offset'],
    ['2024-04-17T10:00:12', 'missing zone'],
    ['2024-04-17', 'date only'],
    ['2024-04-17T10:00Z', 'no seconds'],
    ['2024-04-17 10:00:12Z', 'space separator'],
    ['2024-04-17t10:00:12z', 'lower case'],
    ['2024-04-17T10:00:12.1234567Z', 'seven fraction digits'],
    ['2024-04-17T10:00:12.Z', 'empty fraction'],
    ['2023-02-29T00:00:00Z', 'not a leap year'],
    ['2100-02-29T00:00:00Z', 'century not a leap year'],
    ['2024-04-31T00:00:00Z', 'April 31st'],
    ['2024-13-01T00:00:00Z', 'month 13'],
    ['2024-00-10T00:00:00Z', 'month 0'],
    ['2024-01-00T00:00:00Z', 'day 0'],
    ['2024-01-01T24:00:00Z', 'hour 24'],
    ['2024-01-01T23:60:00Z', 'minute 60'],
    ['2016-12-31T23:59:60Z', 'leap second'],
    [' 2024-04-17T10:00:12Z', 'leading space'],
    ['string', 'vendor placeholder'],
    ['', 'empty'],
  ])('refuses %s (%s)', (value) => {
    expect(messagesFor(value)).toEqual([TIMESTAMP_MESSAGE]);
    expect(isUtcTimestamp(value)).toBe(false);
    expect(tryParseUtcTimestamp(value)).toBeNull();
    expect(() => parseUtcTimestamp(value)).toThrow(RangeError);
  });

  it.each([1_713_348_012_000, 1_713_348_012, true, {}, []])('refuses the non-string %j with the timestamp message', (value) => {
    expect(messagesFor(value)).toEqual([TIMESTAMP_MESSAGE]);
  });

  it('says "is required" when missing or null', () => {
    expect(messagesFor(undefined)).toEqual(['is required']);
    expect(messagesFor(null)).toEqual(['is required']);
  });

  it.each(['1999-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '0099-06-01T00:00:00Z'])('refuses %s as too early', (value) => {
    expect(messagesFor(value)).toEqual([TIMESTAMP_TOO_EARLY_MESSAGE]);
    expect(() => parseUtcTimestamp(value)).toThrow(/2000-01-01/);
  });
});

describe('timestamp properties', () => {
  const instants = fc.date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });

  it('round-trips every instant through its wire form, in both zone spellings', () => {
    fc.assert(
      fc.property(instants, (date) => {
        const wire = formatUtcTimestamp(date);
        expect(utcTimestampSchema.safeParse(wire).success).toBe(true);
        expect(parseUtcTimestamp(wire)).toBe(date.getTime());
        expect(parseUtcTimestamp(wire.replace('Z', '+00:00'))).toBe(date.getTime());
        expect(formatUtcTimestamp(parseUtcTimestamp(wire))).toBe(wire);
      }),
    );
  });

  it('drops digits beyond milliseconds', () => {
    fc.assert(
      fc.property(instants, fc.stringMatching(/^\d{1,3}$/), (date, extra) => {
        const wire = formatUtcTimestamp(date).replace('Z', `${extra}Z`);
        expect(parseUtcTimestamp(wire)).toBe(date.getTime());
      }),
    );
  });

  it('agrees with the schema on arbitrary strings and never throws from the non-throwing helpers', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})?$/)), (value) => {
        const accepted = utcTimestampSchema.safeParse(value).success;
        expect(isUtcTimestamp(value)).toBe(accepted);
        expect(tryParseUtcTimestamp(value) !== null).toBe(accepted);
      }),
    );
  });
});
