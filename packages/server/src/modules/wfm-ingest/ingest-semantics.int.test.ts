import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../platform/bus/bus.js';
import { createTestApp, type TestApp, type TestTenant } from '../../test-support/test-app.js';

const states = (n: number, login = 'agent-1', base = Date.parse('2024-04-17T09:00:00Z')) =>
  Array.from({ length: n }, (_, i) => ({ loginId: login, acdId: 'acd', eventCode: i % 2 ? 'Available' : 'OnCall', reasonCode: '', eventUtcTime: new Date(base + i * 1000).toISOString() }));

const queueReport = (over: Record<string, unknown> = {}, rows = [{ queueValue: 'Q1', contactsReceived: 5, handledShort: 4 }]) => ({
  acdType: 'Generic',
  reportVersion: '0',
  startDate: '2024-04-17T10:00:00.000Z',
  endDate: '2024-04-17T10:15:00.000Z',
  status: 'SUCCESS',
  statusReason: '',
  reportData: { queueReport: rows, agentQueueReport: [{ queueValue: 'Q1', agentValue: 'A1', handled: 2 }], agentSystemPerformanceReport: [{ agentValue: 'A1', loginTime: 900 }] },
  ...over,
});

describe('ingestion semantics', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  const events: BusMessage[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    a = await t.tenant();
    b = await t.tenant();
    await t.platform.bus.subscribe(`floorplan.${a.tenantId}.wfm.acd.>`, (m) => {
      events.push(m);
    });
  });
  afterAll(async () => t?.close());

  const post = (url: string, payload: unknown, token = a.token, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${token}`, ...headers } });
  const get = async (url: string, token = a.adminToken) => {
    const res = await t.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const eventsOf = async (suffix: string, expected: number) => {
    for (let i = 0; i < 100 && events.filter((e) => e.subject.endsWith(suffix)).length < expected; i++) await new Promise((r) => setTimeout(r, 20));
    return events.filter((e) => e.subject.endsWith(suffix));
  };

  it('stores a re-sent agent-state batch once and publishes one event per state', async () => {
    const batch = { agentStateList: states(50, 'dup-agent') };
    const first = await post('/wfm/acd/v1/agent-states', batch);
    expect(first.headers['x-floorplan-accepted']).toBe('50');
    const second = await post('/wfm/acd/v1/agent-states', batch);
    expect(second.statusCode).toBe(200);
    expect(second.headers['x-floorplan-duplicates']).toBe('50');
    expect(second.headers['x-floorplan-accepted']).toBe('0');
    const stored = await get('/wfm/v1/agent-states?loginId=dup-agent&from=2024-04-17T00:00:00Z&to=2024-04-18T00:00:00Z');
    expect(stored.agentStates).toHaveLength(50);
    const published = (await eventsOf('wfm.acd.agentState', 50)).filter((e) => (e.data as { loginId: string }).loginId === 'dup-agent');
    await new Promise((r) => setTimeout(r, 100));
    expect(published).toHaveLength(50);
  });

  it('orders history by time, moves the current state forward only, and publishes late events', async () => {
    const s = states(3, 'order-agent');
    await post('/wfm/acd/v1/agent-states', { agentStateList: [s[2], s[0], s[1]] });
    const history = await get('/wfm/v1/agent-states?loginId=order-agent&from=2024-04-17T00:00:00Z&to=2024-04-18T00:00:00Z');
    expect(history.agentStates.map((x: { eventUtcTime: string }) => x.eventUtcTime)).toEqual(s.map((x) => x.eventUtcTime));
    const late = { ...s[0]!, eventUtcTime: '2024-04-17T08:59:59.500Z', eventCode: 'Break' };
    await post('/wfm/acd/v1/agent-states', { agentStateList: [late] });
    const current = (await get('/wfm/v1/agents/current-states')).agentStates.find((x: { loginId: string }) => x.loginId === 'order-agent');
    expect(current.eventUtcTime).toBe(s[2]!.eventUtcTime);
    const lateEvents = (await eventsOf('wfm.acd.agentStateLate', 1)).filter((e) => (e.data as { loginId: string }).loginId === 'order-agent');
    expect(lateEvents.map((e) => (e.data as { eventCode: string }).eventCode)).toEqual(['Break']);
    const forward = events.filter((e) => e.subject.endsWith('.wfm.acd.agentState') && (e.data as { loginId: string }).loginId === 'order-agent');
    expect(forward.map((e) => (e.data as { eventUtcTime: string }).eventUtcTime)).toEqual(s.map((x) => x.eventUtcTime));
  });

  it('stores a 2 s state and a 0 s state like any other', async () => {
    const t0 = Date.parse('2024-04-17T11:00:00Z');
    const list = [0, 2000, 2000].map((d, i) => ({ loginId: 'short-agent', eventCode: ['A', 'B', 'C'][i]!, eventUtcTime: new Date(t0 + d).toISOString() }));
    const res = await post('/wfm/acd/v1/agent-states', { agentStateList: list });
    expect(res.headers['x-floorplan-accepted']).toBe('3');
  });

  it('replaces a re-sent queue report row by row, keeping rows absent from the re-send', async () => {
    expect((await post('/wfm/acd/v1/reports/queue', queueReport({}, [{ queueValue: 'Q1', contactsReceived: 5, handledShort: 4 }, { queueValue: 'Q2', contactsReceived: 1 }]))).statusCode).toBe(200);
    const resend = await post('/wfm/acd/v1/reports/queue', queueReport({}, [{ queueValue: 'Q1', contactsReceived: 7, handledShort: 6 }]));
    expect(resend.statusCode).toBe(200);
    const rows = (await get('/wfm/v1/queue-intervals?from=2024-04-17T10:00:00Z&to=2024-04-17T10:15:00Z')).queueIntervals;
    expect(rows.map((r: { queueValue: string; contactsReceived: number; handledShort: number; revision: number }) => [r.queueValue, r.contactsReceived, r.handledShort, r.revision])).toEqual([
      ['Q1', 7, 6, 2],
      ['Q2', 1, 0, 1],
    ]);
    const aq = (await get('/wfm/v1/agent-queue-intervals?from=2024-04-17T10:00:00Z&to=2024-04-17T10:15:00Z')).agentQueueIntervals;
    expect(aq).toHaveLength(1);
    expect(aq[0].revision).toBe(2);
  });

  it('stores missing and empty report arrays identically', async () => {
    const w1 = { startDate: '2024-04-17T11:00:00Z', endDate: '2024-04-17T11:15:00Z', reportData: {} };
    const w2 = { startDate: '2024-04-17T11:15:00Z', endDate: '2024-04-17T11:30:00Z', reportData: { queueReport: [], agentQueueReport: [], agentSystemPerformanceReport: [] } };
    expect((await post('/wfm/acd/v1/reports/queue', w1)).statusCode).toBe(200);
    expect((await post('/wfm/acd/v1/reports/queue', w2)).statusCode).toBe(200);
    const windows = await t.db.db.query<{ window_start: Date; status: string; flags: string[] }>(
      `SELECT window_start, status, flags FROM acd_report_window WHERE tenant_id = $1 AND kind = 'queue' AND window_start >= '2024-04-17T11:00:00Z' ORDER BY window_start`,
      [a.tenantId],
    );
    expect(windows.rows.map((w) => [w.status, w.flags])).toEqual([['SUCCESS', []], ['SUCCESS', []]]);
  });

  it('books a 30-minute activity in the interval where it ends, replacing the agent list on re-send', async () => {
    const report = (activities: unknown[]) => ({
      startDate: '2024-04-17T10:30:00Z',
      endDate: '2024-04-17T10:45:00Z',
      reportData: [{ agentValue: 'A9', agentActivity: activities }],
    });
    await post('/wfm/acd/v1/reports/agent-activity', report([{ state: 'Break', startTime: '2024-04-17T10:10:00Z', duration: 1_800_000 }, { state: 'Avail', startTime: '2024-04-17T10:00:00Z', duration: 1_800_000 }]));
    const read = async () => (await get('/wfm/v1/agent-activities?from=2024-04-17T10:00:00Z&to=2024-04-17T11:00:00Z&agentValue=A9')).agentActivities;
    const booked = await read();
    expect(booked.map((x: { state: string; bookedIntervalStart: string }) => [x.state, x.bookedIntervalStart])).toEqual([
      ['Avail', '2024-04-17T10:15:00.000Z'],
      ['Break', '2024-04-17T10:30:00.000Z'],
    ]);
    await post('/wfm/acd/v1/reports/agent-activity', report([{ state: 'Lunch', startTime: '2024-04-17T10:31:00Z', duration: 60_000 }]));
    expect((await read()).map((x: { state: string }) => x.state)).toEqual(['Lunch']);
  });

  it('keeps tenants apart: reads, writes and tenant claims', async () => {
    await post('/wfm/acd/v1/agent-states', { agentStateList: states(2, 'b-only') }, b.token);
    const aView = await get('/wfm/v1/agents/current-states');
    expect(aView.agentStates.map((x: { loginId: string }) => x.loginId)).not.toContain('b-only');
    const bView = await get('/wfm/v1/agents/current-states', b.adminToken);
    expect(bView.agentStates.map((x: { loginId: string }) => x.loginId)).toEqual(['b-only']);
    const claim = await post('/wfm/acd/v1/agent-states', { agentStateList: states(1, 'sneaky') }, a.token, { 'x-tenant-id': b.tenantId });
    expect(claim.statusCode).toBe(403);
    expect(claim.json().statusReason).toBe('TENANT_MISMATCH');
    const q = await t.inject({ method: 'GET', url: `/wfm/v1/agents/current-states?tenantId=${b.tenantId}`, headers: { authorization: `Bearer ${a.adminToken}` } });
    expect(q.statusCode).toBe(403);
    expect((await get('/wfm/v1/agents/current-states', b.adminToken)).agentStates).toHaveLength(1);
  });

  it('accepts gzip bodies and applies the body limit to the inflated bytes', async () => {
    const body = gzipSync(JSON.stringify({ agentStateList: states(3, 'gzip-agent') }));
    const res = await t.inject({ method: 'POST', url: '/wfm/acd/v1/agent-states', payload: body, headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-floorplan-accepted']).toBe('3');
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024 + 1, 0x20));
    const big = await t.inject({ method: 'POST', url: '/wfm/acd/v1/agent-states', payload: bomb, headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(big.statusCode).toBe(413);
    expect(big.json().statusReason).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses oversize and non-JSON bodies', async () => {
    const tooMany = await post('/wfm/acd/v1/agent-states', { agentStateList: states(5001, 'many') });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json()).toMatchObject({ statusReason: 'TOO_MANY_ITEMS', errors: [{ path: 'agentStateList' }] });
    const huge = await t.inject({ method: 'POST', url: '/wfm/acd/v1/agent-states', payload: `{"agentStateList":[],"pad":"${'x'.repeat(4 * 1024 * 1024)}"}`, headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' } });
    expect(huge.statusCode).toBe(413);
    const text = await t.inject({ method: 'POST', url: '/wfm/acd/v1/agent-states', payload: '{}', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(415);
    expect(text.json().statusReason).toBe('UNSUPPORTED_MEDIA_TYPE');
    const broken = await t.inject({ method: 'POST', url: '/wfm/acd/v1/agent-states', payload: '{"agentStateList": [', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().statusReason).toBe('MALFORMED_JSON');
  });

  it('stores nothing from a batch with one bad item', async () => {
    const list = states(3, 'atomic');
    const bad = [...list.slice(0, 2), { ...list[2]!, eventUtcTime: '2024-04-17 09:00:02' }];
    const res = await post('/wfm/acd/v1/agent-states', { agentStateList: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toEqual({ path: 'agentStateList[2].eventUtcTime', message: 'must be an ISO-8601 UTC timestamp' });
    const stored = await get('/wfm/v1/agent-states?loginId=atomic&from=2024-04-17T00:00:00Z&to=2024-04-18T00:00:00Z');
    expect(stored.agentStates).toHaveLength(0);
  });

  it('refuses a queue report declaring another paradigm than the tenant', async () => {
    const res = await post('/wfm/acd/v1/reports/queue', queueReport({ paradigm: 'TTI', startDate: '2024-04-17T12:00:00Z', endDate: '2024-04-17T12:15:00Z' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().statusReason).toBe('PARADIGM_CONFLICT');
  });

  it('serves details with the tenant settings', async () => {
    const d = await get('/wfm/acd/v1/details', a.token);
    expect(d).toMatchObject({ acdType: 'Generic', tenantId: a.tenantId, tenantName: a.name, intervalMinutes: 15, paradigm: 'WCE', minimumStateSeconds: 3, heartbeatSeconds: 30,
      limits: { maxStatesPerRequest: 5000, maxBodyBytes: 4 * 1024 * 1024, maxReportRows: 10000 } });
  });
});
