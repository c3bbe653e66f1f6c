import { describe, expect, it } from 'vitest';
import { evaluateConnector, lastDueWindowStart, worstStatus } from './connection-status.js';

const t = (iso: string) => Date.parse(iso);
const windowFacts = (now: number, over: Partial<Parameters<typeof evaluateConnector>[3]> = {}) => ({
  windowStartMs: lastDueWindowStart(now, 300, 15),
  queueReceived: true,
  activityReceived: true,
  latestQueueFailed: false,
  ...over,
});

describe('connection status', () => {
  it('finds the last interval past its grace', () => {
    expect(lastDueWindowStart(t('2024-04-17T10:20:00Z'), 300, 15)).toBe(t('2024-04-17T10:00:00Z'));
    expect(lastDueWindowStart(t('2024-04-17T10:19:59Z'), 300, 15)).toBe(t('2024-04-17T09:45:00Z'));
  });

  it('is DISCONNECTED after three missed beats, counting data requests as signs of life', () => {
    const now = t('2024-04-17T10:20:00Z');
    const first = t('2024-04-17T09:00:00Z');
    expect(evaluateConnector(now, 30, { firstSeenMs: first, lastHeartbeatMs: now - 90_000, lastRequestMs: null }, windowFacts(now)).status).toBe('CONNECTED');
    expect(evaluateConnector(now, 30, { firstSeenMs: first, lastHeartbeatMs: now - 90_001, lastRequestMs: null }, windowFacts(now))).toEqual({
      status: 'DISCONNECTED',
      reason: 'NO_HEARTBEAT',
    });
    expect(evaluateConnector(now, 30, { firstSeenMs: first, lastHeartbeatMs: null, lastRequestMs: now - 1000 }, windowFacts(now)).status).toBe('CONNECTED');
  });

  it('is DEGRADED when a due report is missing, only for intervals after first contact', () => {
    const now = t('2024-04-17T10:20:00Z');
    const alive = { lastHeartbeatMs: now, lastRequestMs: null };
    expect(evaluateConnector(now, 30, { ...alive, firstSeenMs: t('2024-04-17T09:59:00Z') }, windowFacts(now, { queueReceived: false }))).toEqual({
      status: 'DEGRADED',
      reason: 'QUEUE_REPORT_MISSING',
    });
    expect(evaluateConnector(now, 30, { ...alive, firstSeenMs: t('2024-04-17T09:59:00Z') }, windowFacts(now, { activityReceived: false })).reason).toBe(
      'ACTIVITY_REPORT_MISSING',
    );
    expect(evaluateConnector(now, 30, { ...alive, firstSeenMs: t('2024-04-17T10:00:00Z') }, windowFacts(now, { queueReceived: false })).status).toBe(
      'CONNECTED',
    );
    expect(evaluateConnector(now, 30, { ...alive, firstSeenMs: 0 }, windowFacts(now, { latestQueueFailed: true })).reason).toBe('SOURCE_FAILURE');
  });

  it('reports the worst connector', () => {
    expect(worstStatus([])).toEqual({ status: 'DISCONNECTED', reason: 'NO_HEARTBEAT' });
    expect(
      worstStatus([
        { status: 'CONNECTED', reason: null },
        { status: 'DEGRADED', reason: 'QUEUE_REPORT_MISSING' },
      ]),
    ).toEqual({ status: 'DEGRADED', reason: 'QUEUE_REPORT_MISSING' });
  });
});
