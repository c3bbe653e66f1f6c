import { describe, expect, it } from 'vitest';
import { bodyOf, seedCtx, SEED_NOW_MS } from './fixtures/wfm-context.js';
import { seedAgentActivityReportExample, seedAgentStateListExample, seedQueueReportExample } from './fixtures/seed-000.js';
import { checkItemLimits, defaultWfmLimits } from './wfm-limits.js';
import { validateAgentActivityReport, validateAgentStates, validateHeartbeat, validateQueueReport } from './wfm-rules.js';

const state = (i: number, at = '2024-04-17T10:00:00Z') => ({ loginId: `agent-${i}`, eventCode: 'Available', eventUtcTime: at });
const activity = (startTime: string, duration: number, state = 'Available') => ({ state, startTime, duration });
const activityReport = (reportData: unknown[], extra: Record<string, unknown> = {}) => ({
  startDate: '2024-04-17T10:00:00Z',
  endDate: '2024-04-17T10:15:00Z',
  reportData,
  ...extra,
});
const queueReport = (reportData: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  startDate: '2024-04-17T10:00:00Z',
  endDate: '2024-04-17T10:15:00Z',
  reportData,
  ...extra,
});
const errorsOf = (result: { ok: boolean; errors?: unknown }) => (result.ok ? [] : result.errors);
const future = new Date(SEED_NOW_MS + 301_000).toISOString();

describe('item limits (413 before any schema check)', () => {
  it('5,001 states, valid or not, are TOO_MANY_ITEMS on agentStateList', () => {
    for (const item of [state(1), 'garbage']) {
      const result = validateAgentStates({ agentStateList: Array.from({ length: 5001 }, () => item) }, seedCtx);
      expect(result).toEqual({
        ok: false,
        httpStatus: 413,
        statusReason: 'TOO_MANY_ITEMS',
        errors: [{ path: 'agentStateList', message: 'must contain at most 5000 items' }],
      });
    }
    expect(validateAgentStates({ agentStateList: Array.from({ length: 5000 }, (_, i) => state(i)) }, seedCtx).ok).toBe(true);
  });

  it('activity reports: agents, activities in all, activities per agent', () => {
    const limits = { ...defaultWfmLimits, maxActivityAgents: 2, maxActivities: 5, maxActivitiesPerAgent: 3 };
    const agent = (n: number) => ({ agentValue: 'a', agentActivity: Array.from({ length: n }, () => ({})) });
    expect(checkItemLimits('agentActivity', { reportData: [agent(3), agent(2)] }, limits)).toBeNull();
    expect(checkItemLimits('agentActivity', { reportData: [agent(1), agent(1), agent(1)] }, limits)?.errors).toEqual([
      { path: 'reportData', message: 'must contain at most 2 items' },
    ]);
    expect(checkItemLimits('agentActivity', { reportData: [agent(2), agent(4)] }, limits)?.errors).toEqual([
      { path: 'reportData', message: 'must contain at most 5 activities in all' },
      { path: 'reportData[1].agentActivity', message: 'must contain at most 3 items' },
    ]);
    const result = validateAgentActivityReport({ reportData: [agent(4)] }, seedCtx, limits);
    expect(result.ok || result.httpStatus).toBe(413);
  });

  it('queue reports: rows per section', () => {
    const limits = { ...defaultWfmLimits, maxReportRows: 2 };
    const rows = (n: number) => Array.from({ length: n }, () => ({}));
    expect(checkItemLimits('queue', { reportData: { queueReport: rows(2), agentQueueReport: rows(2) } }, limits)).toBeNull();
    expect(checkItemLimits('queue', { reportData: { queueReport: rows(3), agentSystemPerformanceReport: rows(3) } }, limits)).toEqual({
      statusReason: 'TOO_MANY_ITEMS',
      errors: [
        { path: 'reportData.queueReport', message: 'must contain at most 2 items' },
        { path: 'reportData.agentSystemPerformanceReport', message: 'must contain at most 2 items' },
      ],
    });
  });

  it.each([null, 1, 'x', [], {}, { agentStateList: 'x' }, { reportData: 5 }, { reportData: [null, 1, { agentActivity: {} }] }])('is defensive about the shape %j', (body) => {
    for (const kind of ['agentStates', 'agentActivity', 'queue'] as const) expect(checkItemLimits(kind, body, defaultWfmLimits)).toBeNull();
  });
});

describe('missing and empty arrays are equivalent', () => {
  it('agent states: {} and {agentStateList: []} are both a no-op', () => {
    expect(validateAgentStates({}, seedCtx)).toEqual(validateAgentStates({ agentStateList: [] }, seedCtx));
    expect(validateAgentStates({ agentStateList: null }, seedCtx)).toEqual({ ok: true, value: { agentStateList: [] }, flags: [] });
  });

  it('reports: missing sections, reportData and agentActivity equal []', () => {
    const full = validateQueueReport(queueReport({ queueReport: [], agentQueueReport: [], agentSystemPerformanceReport: [] }), seedCtx);
    expect(validateQueueReport(queueReport({}), seedCtx)).toEqual(full);
    expect(validateQueueReport(queueReport({ queueReport: null, agentQueueReport: null }), seedCtx)).toEqual(full);
    const activities = validateAgentActivityReport({ ...activityReport([]), reportData: undefined }, seedCtx);
    expect(activities).toEqual(validateAgentActivityReport(activityReport([]), seedCtx));
    const agent = validateAgentActivityReport(activityReport([{ agentValue: 'a' }]), seedCtx);
    expect(agent.ok && agent.value.reportData).toEqual([{ agentValue: 'a', agentId: '', userName: '', agentActivity: [] }]);
  });
});

describe('defaults and unknown properties', () => {
  it('fills every default and strips unknown properties', () => {
    const result = validateQueueReport(queueReport({ queueReport: [{ queueValue: '-4', extra: 1 }] }, { vendorField: true }), seedCtx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      acdType: undefined,
      reportVersion: '0',
      startDate: '2024-04-17T10:00:00Z',
      endDate: '2024-04-17T10:15:00Z',
      status: 'SUCCESS',
      statusReason: '',
      paradigm: 'WCE',
      reportData: {
        queueReport: [
          {
            queueValue: '-4',
            queueName: '',
            isOutbound: false,
            rightPartyHandleTime: 0,
            rightPartyContacts: 0,
            wrongPartyHandleTime: 0,
            wrongPartyContacts: 0,
            holdTime: 0,
            active: 0,
            contactsReceived: 0,
            abandonedShort: 0,
            abandonedLong: 0,
            handledShort: 0,
            handledLong: 0,
            handleTime: 0,
            workTime: 0,
            queueDelayTime: 0,
            svcLvlPct: 0,
            backlog: 0,
            backlogNotExpired: 0,
            backlogExpired: 0,
          },
        ],
        agentQueueReport: [],
        agentSystemPerformanceReport: [],
      },
    });
  });

  it('takes acdType and paradigm from the tenant when absent or empty', () => {
    const ctx = { ...seedCtx, acdType: 'Generic', paradigm: 'TTI' as const };
    const queue = validateQueueReport(queueReport({}, { acdType: '' }), ctx);
    expect(queue.ok && [queue.value.acdType, queue.value.paradigm, queue.paradigm, queue.flags]).toEqual(['Generic', 'TTI', 'TTI', []]);
    const declared = validateQueueReport(queueReport({}, { paradigm: 'WCE' }), ctx);
    expect(declared.ok && declared.paradigm).toBe('WCE');
    const activities = validateAgentActivityReport(activityReport([]), ctx);
    expect(activities.ok && activities.value.acdType).toBe('Generic');
  });

  it('accepts fractional seconds and opaque pseudo-queue keys', () => {
    const result = validateQueueReport(queueReport({ queueReport: [{ queueValue: '-4', handleTime: 12.75, svcLvlPct: 99.5 }] }), seedCtx);
    expect(result.ok && result.value.reportData.queueReport[0]?.handleTime).toBe(12.75);
  });
});

describe('context rules (400)', () => {
  it('agent states: eventUtcTime more than 300 s ahead', () => {
    const result = validateAgentStates({ agentStateList: [state(0), state(1, future)] }, seedCtx);
    expect(errorsOf(result)).toEqual([{ path: 'agentStateList[1].eventUtcTime', message: 'must not be more than 300 seconds in the future' }]);
    expect(validateAgentStates({ agentStateList: [state(1, new Date(SEED_NOW_MS + 300_000).toISOString())] }, seedCtx).ok).toBe(true);
  });

  it('activity report: duplicate agentValue at its second occurrence, and future startTime', () => {
    const body = activityReport([
      { agentValue: 'A', agentActivity: [activity('2024-04-17T10:00:00Z', 60_000)] },
      { agentValue: 'X', agentActivity: [] },
      { agentValue: 'B', agentActivity: [activity(future, 1000)] },
      { agentValue: 'X', agentActivity: [] },
    ]);
    expect(errorsOf(validateAgentActivityReport(body, seedCtx))).toEqual([
      { path: 'reportData[2].agentActivity[0].startTime', message: 'must not be more than 300 seconds in the future' },
      { path: 'reportData[3].agentValue', message: 'duplicate agentValue "X" (first at reportData[1])' },
    ]);
  });

  it('activity report: window errors come first', () => {
    const body = activityReport([{ agentValue: 'X' }, { agentValue: 'X' }], { endDate: '2024-04-17T10:16:00Z' });
    expect(errorsOf(validateAgentActivityReport(body, seedCtx))).toEqual([
      { path: 'endDate', message: 'must be exactly 15 minutes after startDate' },
      { path: 'reportData[1].agentValue', message: 'duplicate agentValue "X" (first at reportData[0])' },
    ]);
  });

  it('queue report: duplicate keys per section, as the spec keys them', () => {
    const body = queueReport({
      queueReport: [{ queueValue: 'Q1' }, { queueValue: 'Q2' }, { queueValue: 'Q1' }],
      agentQueueReport: [
        { queueValue: 'Q1', agentValue: 'A' },
        { queueValue: 'Q2', agentValue: 'A' },
        { queueValue: 'Q1', agentValue: 'B' },
        { queueValue: 'Q2', agentValue: 'A' },
      ],
      agentSystemPerformanceReport: [{ agentValue: 'A' }, { agentValue: 'A' }],
    });
    expect(errorsOf(validateQueueReport(body, seedCtx))).toEqual([
      { path: 'reportData.queueReport[2].queueValue', message: 'duplicate queueValue "Q1" (first at reportData.queueReport[0])' },
      {
        path: 'reportData.agentQueueReport[3].agentValue',
        message: 'duplicate queueValue "Q2" and agentValue "A" (first at reportData.agentQueueReport[1])',
      },
      { path: 'reportData.agentSystemPerformanceReport[1].agentValue', message: 'duplicate agentValue "A" (first at reportData.agentSystemPerformanceReport[0])' },
    ]);
  });

  it('queue report: system-performance times at most the interval + 1 s', () => {
    const ok = queueReport({ agentSystemPerformanceReport: [{ agentValue: 'A', readyTime: 901, notReadyTime: 900.5, loginTime: 901 }] });
    expect(validateQueueReport(ok, seedCtx).ok).toBe(true);
    const bad = queueReport({
      agentSystemPerformanceReport: [
        { agentValue: 'A', loginTime: 901.5 },
        { agentValue: 'B', readyTime: 902, notReadyTime: 1000 },
      ],
    });
    expect(errorsOf(validateQueueReport(bad, seedCtx))).toEqual([
      { path: 'reportData.agentSystemPerformanceReport[0].loginTime', message: 'must be at most 901 seconds (interval length + 1 s)' },
      { path: 'reportData.agentSystemPerformanceReport[1].readyTime', message: 'must be at most 901 seconds (interval length + 1 s)' },
      { path: 'reportData.agentSystemPerformanceReport[1].notReadyTime', message: 'must be at most 901 seconds (interval length + 1 s)' },
    ]);
    const hourly = queueReport({ agentSystemPerformanceReport: [{ agentValue: 'A', loginTime: 3601 }] }, { endDate: '2024-04-17T11:00:00Z' });
    expect(validateQueueReport(hourly, { ...seedCtx, intervalMinutes: 60 }).ok).toBe(true);
  });

  it('heartbeat: a connector clock ahead of the server is accepted (drift is shown, not refused)', () => {
    expect(validateHeartbeat({ connectorName: 'c', sentAt: future }, seedCtx)).toMatchObject({ ok: true, value: { sentAt: future } });
    expect(errorsOf(validateHeartbeat({ connectorName: 'c', sentAt: 'soon' }, seedCtx))).toEqual([{ path: 'sentAt', message: 'must be an ISO-8601 UTC timestamp' }]);
    expect(validateHeartbeat({ connectorName: 'c', sentAt: '2026-11-21T23:59:00Z', connectorVersion: null }, seedCtx)).toEqual({
      ok: true,
      flags: [],
      value: { connectorName: 'c', connectorVersion: '', sentAt: '2026-11-21T23:59:00Z' },
    });
  });

  it('schema problems suppress the context rules', () => {
    const body = activityReport([{ agentValue: 'X', agentActivity: [{ state: '', startTime: future, duration: 1 }] }, { agentValue: 'X' }], { endDate: 'x' });
    expect(errorsOf(validateAgentActivityReport(body, seedCtx))).toEqual([
      { path: 'endDate', message: 'must be an ISO-8601 UTC timestamp' },
      { path: 'reportData[0].agentActivity[0].state', message: 'must be at least 1 character' },
    ]);
  });

  it('lists at most 100 errors', () => {
    const states = Array.from({ length: 300 }, (_, i) => ({ loginId: `a${i}` }));
    const result = validateAgentStates({ agentStateList: states }, seedCtx);
    expect(errorsOf(result)).toHaveLength(100);
    const futureStates = Array.from({ length: 300 }, (_, i) => state(i, future));
    expect(errorsOf(validateAgentStates({ agentStateList: futureStates }, seedCtx))).toHaveLength(100);
  });
});

describe('flags (accepted, stored with the data)', () => {
  it('activities ending outside the window under (start, end] booking', () => {
    const body = activityReport([
      {
        agentValue: 'A',
        agentActivity: [
          activity('2024-04-17T09:50:00Z', 600_000), // ends 10:00:00, closes the previous interval
          activity('2024-04-17T10:00:00Z', 1), // ends 10:00:00.001
          activity('2024-04-17T10:10:00Z', 300_000), // ends 10:15:00, inside
          activity('2024-04-17T10:10:00Z', 300_001), // ends 10:15:00.001, outside
        ],
      },
    ]);
    const result = validateAgentActivityReport(body, seedCtx);
    expect(result.ok && result.flags.filter((f) => f.code === 'outsideWindow').map((f) => f.path)).toEqual([
      'reportData[0].agentActivity[0]',
      'reportData[0].agentActivity[3]',
    ]);
  });

  it('overlapping activities of one agent, not across agents', () => {
    const body = activityReport([
      {
        agentValue: 'A',
        agentActivity: [
          activity('2024-04-17T10:05:00Z', 300_000), // 10:05–10:10
          activity('2024-04-17T10:00:00Z', 300_000), // 10:00–10:05, touches only
          activity('2024-04-17T10:08:00Z', 60_000), // 10:08–10:09, inside the first
        ],
      },
      { agentValue: 'B', agentActivity: [activity('2024-04-17T10:05:00Z', 300_000)] },
    ]);
    const result = validateAgentActivityReport(body, seedCtx);
    expect(result.ok && result.flags).toEqual([{ code: 'overlap', path: 'reportData[0].agentActivity[2]' }]);
  });

  it('acdType different from the tenant', () => {
    const ctx = { ...seedCtx, acdType: 'Generic' };
    const result = validateAgentActivityReport(JSON.parse(seedAgentActivityReportExample), ctx);
    expect(result.ok && result.flags.map((f) => f.code)).toEqual(['acdTypeMismatch', 'outsideWindow']);
    expect(result.ok && result.value.acdType).toBe('Generic_acdName');
    const same = validateQueueReport({ ...bodyOf(seedQueueReportExample), acdType: 'Generic' }, ctx);
    expect(same.ok && same.flags).toEqual([]);
  });

  it.each([
    ['SUCCESS', 'SUCCESS', []],
    ['FAILURE', 'FAILURE', []],
    ['PARTIAL', 'PARTIAL', [{ code: 'partialStatus', path: 'status' }]],
    ['string', 'SUCCESS', [{ code: 'unknownStatus', path: 'status' }]],
    ['success', 'SUCCESS', [{ code: 'unknownStatus', path: 'status' }]],
  ])('queue status %s is acted on as %s', (status, effective, flags) => {
    const result = validateQueueReport(queueReport({}, { status }), seedCtx);
    expect(result.ok && [result.effectiveStatus, result.flags, result.value.status]).toEqual([effective, flags, status]);
  });

  it('non-zero active under WCE, not under TTI', () => {
    const body = queueReport({ queueReport: [{ queueValue: 'Q', active: 2 }], agentQueueReport: [{ queueValue: 'Q', agentValue: 'A', active: 1 }] });
    const wce = validateQueueReport(body, seedCtx);
    expect(wce.ok && wce.flags).toEqual([
      { code: 'activeUnderWce', path: 'reportData.queueReport[0].active' },
      { code: 'activeUnderWce', path: 'reportData.agentQueueReport[0].active' },
    ]);
    const tti = validateQueueReport({ ...body, paradigm: 'TTI' }, seedCtx);
    expect(tti.ok && tti.flags).toEqual([]);
  });

  it('agent states are never flagged', () => {
    const result = validateAgentStates(JSON.parse(seedAgentStateListExample), { ...seedCtx, acdType: 'Other' });
    expect(result.ok && result.flags).toEqual([]);
  });
});
