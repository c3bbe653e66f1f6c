import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../platform/bus/bus.js';
import { createManualClock } from '../../platform/clock.js';
import { createTestApp, type TestApp, type TestTenant } from '../../test-support/test-app.js';

describe('connection status on a controllable clock', () => {
  const clock = createManualClock('2024-04-17T09:58:00Z');
  let t: TestApp;
  let a: TestTenant;
  const changes: BusMessage[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { WFM_CONNECTOR_RATE_LIMIT_PER_S: '1000' } });
    a = await t.tenant();
    await t.platform.bus.subscribe(`floorplan.${a.tenantId}.wfm.acd.connectionChanged`, (m) => {
      changes.push(m);
    });
  });
  afterAll(async () => t?.close());

  const auth = () => ({ authorization: `Bearer ${a.token}` });
  const beat = () => t.inject({ method: 'POST', url: '/wfm/acd/v1/heartbeat', headers: auth(), payload: { connectorName: 'acme-acd', connectorVersion: '1.2', sentAt: clock.now().toISOString() } });
  const status = async () => (await t.inject({ method: 'GET', url: '/wfm/acd/v1/connection', headers: auth() })).json();
  const report = (kind: 'queue' | 'agent-activity', start: string, end: string) =>
    t.inject({ method: 'POST', url: `/wfm/acd/v1/reports/${kind}`, headers: auth(), payload: { startDate: start, endDate: end, reportData: kind === 'queue' ? {} : [] } });
  const transitions = async (n: number) => {
    for (let i = 0; i < 100 && changes.length < n; i++) await new Promise((r) => setTimeout(r, 20));
    return changes.map((c) => `${(c.data as { from: string }).from}>${(c.data as { to: string }).to}:${(c.data as { reason: string | null }).reason}`);
  };

  it('walks DISCONNECTED → CONNECTED → DEGRADED → DISCONNECTED, publishing each transition once', async () => {
    expect(await status()).toMatchObject({ status: 'DISCONNECTED', reason: 'NO_HEARTBEAT', connectors: [], lastHeartbeatAt: null });

    const first = await beat();
    expect(first.json()).toMatchObject({ status: 'CONNECTED', heartbeatSeconds: 30 });
    expect(await transitions(1)).toEqual(['DISCONNECTED>CONNECTED:null']);

    // Beats and both reports of 10:00–10:15: still CONNECTED at 10:20 (end + 5 min grace).
    clock.set('2024-04-17T10:15:30Z');
    await report('queue', '2024-04-17T10:00:00Z', '2024-04-17T10:15:00Z');
    await report('agent-activity', '2024-04-17T10:00:00Z', '2024-04-17T10:15:00Z');
    clock.set('2024-04-17T10:20:00Z');
    await beat();
    await t.app.ingest.housekeeping();
    expect((await status()).status).toBe('CONNECTED');

    // 10:15–10:30 gets only the activity report: DEGRADED from 10:35.
    clock.set('2024-04-17T10:30:10Z');
    await report('agent-activity', '2024-04-17T10:15:00Z', '2024-04-17T10:30:00Z');
    clock.set('2024-04-17T10:35:00Z');
    await beat();
    await t.app.ingest.housekeeping();
    const degraded = await status();
    expect(degraded).toMatchObject({ status: 'DEGRADED', reason: 'QUEUE_REPORT_MISSING', lastQueueIntervalEnd: '2024-04-17T10:15:00.000Z', lastActivityIntervalEnd: '2024-04-17T10:30:00.000Z' });
    expect(degraded.connectors).toEqual([{ connectorName: 'acme-acd', connectorVersion: '1.2', status: 'DEGRADED', reason: 'QUEUE_REPORT_MISSING', lastHeartbeatAt: '2024-04-17T10:35:00.000Z' }]);
    await t.app.ingest.housekeeping();

    // Three missed beats (90 s): DISCONNECTED.
    clock.advance(90_001);
    await t.app.ingest.housekeeping();
    await t.app.ingest.housekeeping();
    expect(await status()).toMatchObject({ status: 'DISCONNECTED', reason: 'NO_HEARTBEAT' });
    expect(await transitions(3)).toEqual([
      'DISCONNECTED>CONNECTED:null',
      'CONNECTED>DEGRADED:QUEUE_REPORT_MISSING',
      'DEGRADED>DISCONNECTED:NO_HEARTBEAT',
    ]);
    const summary = (await t.inject({ method: 'GET', url: '/wfm/v1/connections', headers: { authorization: `Bearer ${a.adminToken}` } })).json();
    expect(summary.connections[0].transitions.map((x: { to: string }) => x.to)).toEqual(['DISCONNECTED', 'DEGRADED', 'CONNECTED']);
  });

  it('marks the source failed when the latest queue report says FAILURE', async () => {
    // Still inside the token's hour (issued 09:58).
    clock.set('2024-04-17T10:46:10Z');
    await beat();
    await t.inject({ method: 'POST', url: '/wfm/acd/v1/reports/queue', headers: auth(), payload: { startDate: '2024-04-17T10:30:00Z', endDate: '2024-04-17T10:45:00Z', status: 'FAILURE', statusReason: 'ACD database offline', reportData: {} } });
    const s = await status();
    expect(s, JSON.stringify(s)).toMatchObject({ status: "DEGRADED", reason: "SOURCE_FAILURE" });
  });

  it('answers the rate limit with 429 and Retry-After', async () => {
    const other = await createTestApp({ env: { WFM_RATE_LIMIT_PER_S: '1', WFM_RATE_LIMIT_BURST: '2' } });
    try {
      const tenant = await other.tenant();
      const send = () => other.inject({ method: 'POST', url: '/wfm/acd/v1/agent-states', headers: { authorization: `Bearer ${tenant.token}` }, payload: { agentStateList: [] } });
      expect((await send()).statusCode).toBe(200);
      expect((await send()).statusCode).toBe(200);
      const limited = await send();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('1');
      expect(limited.json().statusReason).toBe('RATE_LIMITED');
    } finally {
      await other.close();
    }
  });
});
