import { describe, expect, it } from 'vitest';
import { createWfmRuleContext, futureTimestampIssue, normalizeReportWindow } from './wfm-window.js';

const now = Date.UTC(2024, 3, 17, 12);
const ctx = createWfmRuleContext({ nowMs: now });

describe('normalizeReportWindow', () => {
  it('keeps an aligned window', () => {
    expect(normalizeReportWindow('2024-04-17T10:00:00Z', '2024-04-17T10:15:00+00:00', ctx)).toEqual({
      ok: true,
      windowStart: new Date('2024-04-17T10:00:00Z'),
      windowEnd: new Date('2024-04-17T10:15:00Z'),
    });
  });

  it.each([
    ['2024-04-17T10:00:12.000Z', '2024-04-17T10:15:12.000Z', '10:00'],
    ['2024-04-17T10:46:00.000Z', '2024-04-17T11:01:00.000Z', '10:45'],
    ['2024-04-17T10:30:59.999999Z', '2024-04-17T10:45:59.999999Z', '10:30'],
  ])('normalises %s down to its boundary', (start, end, hhmm) => {
    const result = normalizeReportWindow(start, end, ctx);
    expect(result.ok && result.windowStart.toISOString()).toBe(`2024-04-17T${hhmm}:00.000Z`);
    expect(result.ok && result.windowEnd.getTime() - result.windowStart.getTime()).toBe(15 * 60_000);
  });

  it('refuses a start more than windowSkewS after the boundary, or any time before it', () => {
    expect(normalizeReportWindow('2024-04-17T10:01:01Z', '2024-04-17T10:16:01Z', ctx)).toEqual({
      ok: false,
      errors: [{ path: 'startDate', message: 'must be aligned to a 15-minute boundary (:00, :15, :30, :45 UTC)' }],
    });
    expect(normalizeReportWindow('2024-04-17T09:59:59Z', '2024-04-17T10:14:59Z', ctx).ok).toBe(false);
  });

  it('requires endDate exactly one interval after startDate', () => {
    expect(normalizeReportWindow('2024-04-17T10:00:00Z', '2024-04-17T10:15:00.001Z', ctx)).toEqual({
      ok: false,
      errors: [{ path: 'endDate', message: 'must be exactly 15 minutes after startDate' }],
    });
    expect(normalizeReportWindow('2024-04-17T10:00:00Z', '2024-04-17T10:00:00Z', ctx).ok).toBe(false);
    expect(normalizeReportWindow('2024-04-17T10:15:00Z', '2024-04-17T10:00:00Z', ctx).ok).toBe(false);
  });

  it('words alignment for every interval length', () => {
    const misaligned = (intervalMinutes: 5 | 15 | 30 | 60) =>
      normalizeReportWindow('2024-04-17T10:02:00Z', new Date(Date.UTC(2024, 3, 17, 10, 2) + intervalMinutes * 60_000).toISOString(), { ...ctx, intervalMinutes });
    expect(misaligned(60)).toEqual({ ok: false, errors: [{ path: 'startDate', message: 'must be aligned to a 60-minute boundary (:00 UTC)' }] });
    expect(misaligned(30)).toEqual({ ok: false, errors: [{ path: 'startDate', message: 'must be aligned to a 30-minute boundary (:00, :30 UTC)' }] });
    expect(misaligned(5).ok).toBe(false);
    expect(normalizeReportWindow('2024-04-17T10:05:00Z', '2024-04-17T10:10:00Z', { ...ctx, intervalMinutes: 5 }).ok).toBe(true);
    expect(normalizeReportWindow('2024-04-17T10:00:30Z', '2024-04-17T11:00:30Z', { ...ctx, intervalMinutes: 60 }).ok).toBe(true);
  });

  it('accepts a started (even still open) window and refuses one that starts beyond now + clock skew', () => {
    expect(normalizeReportWindow('2024-04-17T12:00:00Z', '2024-04-17T12:15:00Z', ctx).ok).toBe(true);
    // Server time 11:56: a window starting 12:00 lies within the 300 s clock skew.
    expect(normalizeReportWindow('2024-04-17T12:00:00Z', '2024-04-17T12:15:00Z', { ...ctx, nowMs: now - 240_000 }).ok).toBe(true);
    expect(normalizeReportWindow('2024-04-17T12:00:00Z', '2024-04-17T12:15:00Z', { ...ctx, nowMs: now - 300_001 }).ok).toBe(false);
    expect(normalizeReportWindow('2024-04-17T12:15:00Z', '2024-04-17T12:30:00Z', ctx)).toEqual({
      ok: false,
      errors: [{ path: 'startDate', message: 'must not be in the future' }],
    });
  });

  it('lists startDate problems before endDate problems, and refuses unparsable input without throwing', () => {
    const result = normalizeReportWindow('2024-04-17T10:07:00Z', '2024-04-17T10:15:00Z', ctx);
    expect(result.ok || result.errors.map((e) => e.path)).toEqual(['startDate', 'endDate']);
    expect(normalizeReportWindow('x', 'y', ctx)).toEqual({
      ok: false,
      errors: [
        { path: 'startDate', message: 'must be an ISO-8601 UTC timestamp' },
        { path: 'endDate', message: 'must be an ISO-8601 UTC timestamp' },
      ],
    });
  });
});

describe('futureTimestampIssue', () => {
  it('allows up to clockSkewS ahead, inclusive', () => {
    expect(futureTimestampIssue('sentAt', now + 300_000, ctx)).toBeNull();
    expect(futureTimestampIssue('sentAt', now + 300_001, ctx)).toEqual({ path: 'sentAt', message: 'must not be more than 300 seconds in the future' });
    expect(futureTimestampIssue('sentAt', now + 10_001, { ...ctx, clockSkewS: 10 })?.message).toBe('must not be more than 10 seconds in the future');
  });
});
