import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  seedAgentActivityReportExample,
  seedAgentActivityReportTypeSchema,
  seedAgentStateListExample,
  seedAgentStateListTypeSchema,
  seedQueueReportExample,
  seedQueueReportTypeSchema,
  seedRefreshTokenRequestExample,
} from '../../../../contracts/src/fixtures/seed-000.js';
import { createTestApp, type TestApp, type TestTenant } from '../../test-support/test-app.js';

describe('seed 000 examples, sent byte for byte', () => {
  let t: TestApp;
  let a: TestTenant;
  beforeAll(async () => {
    t = await createTestApp();
    a = await t.tenant();
  });
  afterAll(async () => t?.close());

  const send = (url: string, body: string, token = a.token) =>
    t.inject({ method: 'POST', url, payload: body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  const read = async (url: string) => {
    const res = await t.inject({ method: 'GET', url, headers: { authorization: `Bearer ${a.adminToken}` } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('stores the agent state example and reads it back equal', async () => {
    const res = await send('/wfm/acd/v1/agent-states', seedAgentStateListExample);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers['content-length']).toBe('0');
    expect(res.headers['x-floorplan-accepted']).toBe('1');
    expect(res.headers['x-request-id']).toBeTruthy();
    const sent = JSON.parse(seedAgentStateListExample).agentStateList[0];
    const back = await read('/wfm/v1/agent-states?from=2023-10-01T00:00:00Z&to=2023-10-02T00:00:00Z');
    expect(back.agentStates).toHaveLength(1);
    expect(back.agentStates[0]).toMatchObject(sent);
    const current = await read('/wfm/v1/agents/current-states');
    expect(current.agentStates[0]).toMatchObject(sent);
  });

  it('stores the agent activity example, booked by its own end although outside its window', async () => {
    const res = await send('/wfm/acd/v1/reports/agent-activity', seedAgentActivityReportExample);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toBe('');
    const sent = JSON.parse(seedAgentActivityReportExample);
    const entry = sent.reportData[0];
    const back = await read('/wfm/v1/agent-activities?from=2023-10-01T07:45:00Z&to=2023-10-01T08:30:00Z');
    expect(back.agentActivities).toHaveLength(1);
    expect(back.agentActivities[0]).toMatchObject({
      ...entry.agentActivity[0],
      agentValue: entry.agentValue,
      agentId: entry.agentId,
      userName: entry.userName,
      windowStart: '2024-01-15T16:45:00.000Z',
      // 07:59:09.860 + 139.090 s ends 08:01:28.950, inside 08:00–08:15.
      endTime: '2023-10-01T08:01:28.950Z',
      bookedIntervalStart: '2023-10-01T08:00:00.000Z',
    });
    expect(back.agentActivities[0].flags).toContain('outsideWindow');
  });

  it('stores the queue report example, its window normalised to 10:00–10:15', async () => {
    const res = await send('/wfm/acd/v1/reports/queue', seedQueueReportExample);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toBe('');
    const sent = JSON.parse(seedQueueReportExample).reportData;
    const q = await read('/wfm/v1/queue-intervals?from=2024-04-17T10:00:00Z&to=2024-04-17T10:15:00Z');
    expect(q.queueIntervals).toHaveLength(2);
    const byQueue = new Map(q.queueIntervals.map((r: { queueValue: string }) => [r.queueValue, r]));
    for (const row of sent.queueReport) {
      expect(byQueue.get(row.queueValue)).toMatchObject({ ...row, windowStart: '2024-04-17T10:00:00.000Z', windowEnd: '2024-04-17T10:15:00.000Z', paradigm: 'WCE', revision: 1 });
    }
    const aq = await read('/wfm/v1/agent-queue-intervals?from=2024-04-17T10:00:00Z&to=2024-04-17T10:15:00Z');
    expect(aq.agentQueueIntervals).toHaveLength(2);
    for (const row of sent.agentQueueReport) {
      expect(aq.agentQueueIntervals.find((r: { agentValue: string }) => r.agentValue === row.agentValue)).toMatchObject(row);
    }
    const sys = await read('/wfm/v1/agent-system-intervals?from=2024-04-17T10:00:00Z&to=2024-04-17T10:15:00Z');
    expect(sys.agentSystemIntervals.map((r: Record<string, unknown>) => ({ agentValue: r.agentValue, agentId: r.agentId, readyTime: r.readyTime, notReadyTime: r.notReadyTime, loginTime: r.loginTime })))
      .toEqual(sent.agentSystemPerformanceReport);
  });

  it('accepts the refresh example with only its placeholder token replaced', async () => {
    const login = await t.inject({ method: 'POST', url: '/authentication/v1/token/access-key', payload: a.key });
    const body = seedRefreshTokenRequestExample.replace('use refresh token value from previous token request', login.json().refresh_token);
    const res = await t.inject({ method: 'POST', url: '/public/user/refresh', payload: body, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['refreshToken', 'refreshTokenExpirationTimeSec', 'sessionId', 'token', 'tokenExpirationTimeSec']);
  });

  it('rejects the type-schema blocks with the placeholder paths', async () => {
    const activity = await send('/wfm/acd/v1/reports/agent-activity', seedAgentActivityReportTypeSchema);
    expect(activity.statusCode).toBe(400);
    expect(activity.json().errors.map((e: { path: string }) => e.path)).toContain('startDate');
    const queue = await send('/wfm/acd/v1/reports/queue', seedQueueReportTypeSchema);
    expect(queue.statusCode).toBe(400);
    const paths = queue.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('startDate');
    expect(paths).toContain('reportData.queueReport[0].rightPartyHandleTime');
    const states = await send('/wfm/acd/v1/agent-states', seedAgentStateListTypeSchema);
    expect(states.statusCode).toBe(400);
    expect(states.json().errors[0].path).toBe('agentStateList[0].eventUtcTime');
  });

  it('lists the seed keys as unmapped until they are mapped', async () => {
    const before = await read('/wfm/v1/unmapped');
    // Each key under its source: the state's acdId, the report's acdType.
    const keys = before.unmapped.map((u: { kind: string; source: string | null; key: string }) => `${u.kind}:${u.source}:${u.key}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'login:Tenant_Name:aa4rszz@mmm.com',
        'event:Tenant_Name:CallContact',
        'event:Generic_acdName:CallContact',
        'agent:Generic_acdName:19837005',
        'agent:Generic_LiveVox:967385',
      ]),
    );
    expect(before.unmapped.find((u: { kind: string; source: string }) => u.kind === 'event' && u.source === 'Generic_acdName')).toMatchObject({ sampleLoginId: '19837005' });
    const admin = { authorization: `Bearer ${a.adminToken}` };
    const employee = await t.inject({ method: 'POST', url: '/wfm/v1/employees', payload: { name: 'Seed Agent', email: 'aa4rszz@mmm.com', acdLogins: [{ loginId: 'aa4rszz@mmm.com' }] }, headers: admin });
    expect(employee.statusCode, employee.body).toBe(201);
    const code = await t.inject({ method: 'POST', url: '/wfm/v1/activity-codes', payload: { name: 'Available', displayAs: 'OPEN' }, headers: admin });
    expect(code.statusCode, code.body).toBe(201);
    const ev = await t.inject({ method: 'POST', url: '/wfm/v1/event-mappings', payload: { eventCode: 'CallContact', reasonCode: '*', activityCodeId: code.json().id }, headers: admin });
    expect(ev.statusCode, ev.body).toBe(201);
    const after = (await read('/wfm/v1/unmapped')).unmapped.map((u: { kind: string; key: string }) => `${u.kind}:${u.key}`);
    expect(after).not.toContain('login:aa4rszz@mmm.com');
    expect(after).not.toContain('event:CallContact');
    expect(after).toContain('agent:19837005');
  });
});
