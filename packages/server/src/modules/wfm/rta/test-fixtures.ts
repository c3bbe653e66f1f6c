import type { RtaAgent } from '@floorplan/contracts';
import { tenantSubject } from '../../../platform/bus/bus.js';
import type { TestApp, TestTenant } from '../../../test-support/test-app.js';
import { wfmEvents, type ScheduleChangedEvent, type SetupChangedEvent } from '../events.js';
import type { RtaAgentUpdatedEvent } from './processor.js';

// Shared by the RTA integration tests (named `test-fixtures.ts` so no runner collects it and the build leaves it out).

/**
 * Collects a tenant's `wfm.rta.agentUpdated` deltas from the bus and drives the ingest API.
 * `until` polls for a delta matching a predicate: the pipeline is asynchronous (commit → bus →
 * processor → bus), so a test waits for the effect it asserts; it never asserts a duration.
 * @example const h = await rtaHarness(t, tenant); await h.state('5001', 'AVAIL', '09:01'); await h.until((a) => a.state === 'IN');
 */
export async function rtaHarness(t: TestApp, tenant: TestTenant, day = '2026-03-02') {
  const deltas: RtaAgentUpdatedEvent[] = [];
  const sub = await t.platform.bus.subscribe(tenantSubject(tenant.tenantId, wfmEvents.rtaAgentUpdated), (m) => {
    deltas.push(m.data as RtaAgentUpdatedEvent);
  });
  const at = (hhmm: string) => `${day}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}Z`;
  return {
    deltas,
    at,
    close: () => sub.unsubscribe(),
    /** Posts one state; a heartbeat goes first so the connector counts as CONNECTED (else the feed is down). */
    async state(loginId: string, eventCode: string, hhmm: string, reasonCode = '', acdId = 'acd') {
      const beat = await t.inject({
        method: 'POST',
        url: '/wfm/acd/v1/heartbeat',
        headers: { authorization: `Bearer ${tenant.token}` },
        payload: { connectorName: 'rta-acd', connectorVersion: '1', sentAt: t.platform.clock.now().toISOString() },
      });
      if (beat.statusCode !== 200) throw new Error(`heartbeat: ${beat.statusCode} ${beat.body}`);
      const res = await t.inject({
        method: 'POST',
        url: '/wfm/acd/v1/agent-states',
        headers: { authorization: `Bearer ${tenant.token}` },
        payload: { agentStateList: [{ loginId, acdId, eventCode, reasonCode, eventUtcTime: at(hhmm) }] },
      });
      if (res.statusCode !== 200) throw new Error(`agent-states: ${res.statusCode} ${res.body}`);
    },
    async until(predicate: (agent: RtaAgent, d: RtaAgentUpdatedEvent) => boolean, what = 'a matching delta'): Promise<RtaAgent> {
      for (let i = 0; i < 400; i++) {
        const hit = deltas.find((d) => predicate(d.agent, d));
        if (hit) return hit.agent;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`timed out waiting for ${what}; saw ${JSON.stringify(deltas.map((d) => [d.seq, d.agent.name, d.agent.state, d.agent.notCalculatedReason]))}`);
    },
    async snapshot(query = '', token = tenant.adminToken) {
      const res = await t.inject({ method: 'GET', url: `/wfm/v1/rta/agents${query}`, headers: { authorization: `Bearer ${token}` } });
      if (res.statusCode !== 200) throw new Error(`rta/agents: ${res.statusCode} ${res.body}`);
      return res.json() as { asOf: string; seq: number; agents: RtaAgent[]; counts: Record<string, number> };
    },
    setupChanged: (kind: SetupChangedEvent['kind']) =>
      t.platform.bus.publish(tenantSubject(tenant.tenantId, wfmEvents.setupChanged), { tenantId: tenant.tenantId, kind, ids: [] } satisfies SetupChangedEvent),
    scheduleChanged: (version: number, employeeIds: string[]) =>
      t.platform.bus.publish(tenantSubject(tenant.tenantId, wfmEvents.scheduleChanged), { tenantId: tenant.tenantId, version, employeeIds, from: day, to: day } satisfies ScheduleChangedEvent),
  };
}

export const latestOf = (deltas: readonly RtaAgentUpdatedEvent[], employeeId: string) => deltas.filter((d) => d.agent.employeeId === employeeId).at(-1)?.agent;
