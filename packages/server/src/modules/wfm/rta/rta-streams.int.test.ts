import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { RtaAgent } from '@floorplan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createManualClock } from '../../../platform/clock.js';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';
import { publishSchedule, seedWfm, type Seeded } from '../../../test-support/wfm-fixtures.js';
import { rtaHarness } from './test-fixtures.js';

// §9 checks 12 and 13 over a real listening server: SSE through fetch streaming, WebSocket through `ws`.

const DAY = '2026-03-02';
const clock = createManualClock(`${DAY}T09:00:00Z`);

interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** Opens an SSE stream; resolves once the server says it is live (after any replay). */
async function openSse(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  if (res.status !== 200 || res.body === null) return { status: res.status, events, until: async () => [], close: () => abort.abort() };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let live = false;
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block === ': live') live = true;
          if (block.startsWith(':')) continue;
          const e: SseEvent = { data: '' };
          for (const line of block.split('\n')) {
            const [k, ...rest] = line.split(': ');
            const v = rest.join(': ');
            if (k === 'id') e.id = v;
            else if (k === 'event') e.event = v;
            else if (k === 'data') e.data = v;
          }
          events.push(e);
        }
      }
    } catch {
      // aborted
    }
  })();
  for (let i = 0; i < 400 && !live; i++) await new Promise((r) => setTimeout(r, 10));
  if (!live) throw new Error('SSE stream never went live');
  return {
    status: res.status,
    events,
    async until(predicate: (events: SseEvent[]) => boolean) {
      for (let i = 0; i < 400 && !predicate(events); i++) await new Promise((r) => setTimeout(r, 25));
      return events;
    },
    close: () => {
      abort.abort();
      void pump;
    },
  };
}

/** Opens a WebSocket, sends the subscription and resolves once the server confirms it. */
async function openWs(url: string, subscribe: unknown) {
  const ws = new WebSocket(url);
  const messages: { type?: string; seq?: number; agent?: RtaAgent }[] = [];
  const failed = await new Promise<string | null>((resolve) => {
    ws.once('open', () => resolve(null));
    ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.once('error', (e) => resolve(e.message));
  });
  if (failed !== null) return { failed, messages, until: async () => messages, close: () => ws.terminate() };
  let subscribed = false;
  ws.on('message', (raw: Buffer) => {
    const m = JSON.parse(raw.toString()) as { type?: string };
    if (m.type === 'subscribed') subscribed = true;
    else messages.push(m);
  });
  ws.send(JSON.stringify(subscribe));
  for (let i = 0; i < 400 && !subscribed; i++) await new Promise((r) => setTimeout(r, 10));
  if (!subscribed) throw new Error('WebSocket subscription not confirmed');
  return {
    failed,
    messages,
    async until(predicate: (m: typeof messages) => boolean) {
      for (let i = 0; i < 400 && !predicate(messages); i++) await new Promise((r) => setTimeout(r, 25));
      return messages;
    },
    close: () => ws.close(),
  };
}

describe('RTA streams (§2.5, §9 checks 12–13)', () => {
  let t: TestApp;
  let base: string;
  let tenant: TestTenant;
  let seeded: Seeded;
  let suY: string;
  let scopedToken: string;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { WFM_CONNECTOR_RATE_LIMIT_PER_S: '1000', WFM_RTA_REPLAY_S: '60' } });
    await t.app.http.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.http.server.address() as AddressInfo).port}`;
    tenant = await t.tenant();
    seeded = await seedWfm(t.db.db, tenant.tenantId, {
      codes: [{ name: 'Open', displayAs: 'OPEN', open: true }, { name: 'Break', displayAs: 'BREAK', open: false, priority: 2 }],
      mappings: [{ eventCode: 'AVAIL', reasonCode: '*', code: 'Open' }, { eventCode: 'AUX', reasonCode: '*', code: 'Break' }],
      employees: [{ name: 'Xena', logins: ['x1'] }, { name: 'Yuri', logins: ['y1'] }],
    });
    suY = randomUUID();
    await t.db.db.query(`INSERT INTO scheduling_unit (tenant_id, id, name, time_zone) VALUES ($1, $2, 'Night shift', 'UTC')`, [tenant.tenantId, suY]);
    await t.db.db.query('UPDATE employee SET scheduling_unit_id = $3 WHERE tenant_id = $1 AND id = $2', [tenant.tenantId, seeded.employees.Yuri, suY]);
    const ids = [seeded.employees.Xena!, seeded.employees.Yuri!];
    await publishSchedule(t.db.db, tenant.tenantId, {
      employeeIds: ids,
      dates: [DAY],
      segments: ids.map((employeeId) => ({ employeeId, activityCodeId: seeded.codes.Open!, start: `${DAY}T08:00:00Z`, end: `${DAY}T18:00:00Z` })),
    });
    scopedToken = await t.userToken(tenant, 'supervisor', [seeded.schedulingUnitId]);
  });
  afterAll(async () => t?.close());

  it('check 12: seq rises strictly; Last-Event-ID within the buffer replays the gap, an older one gets resync', async () => {
    const h = await rtaHarness(t, tenant);
    const all = await openSse(`${base}/wfm/v1/rta/events`, { authorization: `Bearer ${tenant.adminToken}` });
    expect(all.status).toBe(200);
    clock.set(`${DAY}T09:01:00Z`);
    await h.state('x1', 'AVAIL', '09:01');
    await h.state('y1', 'AVAIL', '09:01');
    await h.state('x1', 'AUX', '09:02');
    await h.state('y1', 'AUX', '09:02');
    await h.until((a) => a.name === 'Yuri' && a.actual.eventCode === 'AUX', 'Yuri on break');
    const seqs = (await all.until((e) => e.some((x) => JSON.parse(x.data).agent?.actual.eventCode === 'AUX' && JSON.parse(x.data).agent?.name === 'Yuri'))).map((e) => Number(e.id));
    expect(seqs.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
    expect(all.events.map((e) => JSON.parse(e.data).seq)).toEqual(seqs);
    all.close();

    // Resume from the second event: exactly the rest is replayed, in order.
    const resumed = await openSse(`${base}/wfm/v1/rta/events`, { authorization: `Bearer ${tenant.adminToken}`, 'last-event-id': String(seqs[1]) });
    expect(resumed.events.map((e) => Number(e.id))).toEqual(seqs.slice(2));
    resumed.close();
    const byQuery = await openSse(`${base}/wfm/v1/rta/events?lastEventId=${seqs[0]}&access_token=${tenant.adminToken}`);
    expect(byQuery.events.map((e) => Number(e.id))).toEqual(seqs.slice(1));
    byQuery.close();

    // 61 s later the first deltas left the buffer: resuming from them orders a re-snapshot.
    clock.advance(61_000);
    await h.state('x1', 'AVAIL', '09:02:01');
    await h.until((a) => a.name === 'Xena' && a.actual.since === `${DAY}T09:02:01.000Z`, 'Xena back');
    const stale = await openSse(`${base}/wfm/v1/rta/events`, { authorization: `Bearer ${tenant.adminToken}`, 'last-event-id': String(seqs[1]) });
    expect(stale.events).toEqual([{ event: 'resync', data: '{"type":"resync"}' }]);
    stale.close();
    const ws = await openWs(`${base}/wfm/v1/rta/stream?access_token=${tenant.adminToken}`, { filter: {}, lastSeq: seqs[1] });
    expect(ws.messages).toEqual([{ type: 'resync' }]);
    ws.close();
    const snapshot = await h.snapshot();
    expect(snapshot.seq).toBe(h.deltas.at(-1)?.seq);
    const fresh = await openSse(`${base}/wfm/v1/rta/events`, { authorization: `Bearer ${tenant.adminToken}`, 'last-event-id': String(snapshot.seq) });
    expect(fresh.events).toEqual([]);
    fresh.close();
    await h.close();
  });

  it('check 13: a viewer scoped to SU X never receives SU Y agents (REST, SSE, WebSocket)', async () => {
    const h = await rtaHarness(t, tenant);
    const xena = seeded.employees.Xena!;
    const yuri = seeded.employees.Yuri!;
    const snap = await h.snapshot('', scopedToken);
    expect(snap.agents.map((a) => a.employeeId)).toEqual([xena]);
    expect(Object.values(snap.counts).reduce((a, b) => a + b, 0)).toBe(1);
    expect((await h.snapshot(`?schedulingUnitId=${suY}`, scopedToken)).agents).toEqual([]);
    expect((await h.snapshot(`?schedulingUnitId=${suY}`)).agents.map((a) => a.employeeId)).toEqual([yuri]);

    const sse = await openSse(`${base}/wfm/v1/rta/events?access_token=${scopedToken}`);
    const sseAskingY = await openSse(`${base}/wfm/v1/rta/events?schedulingUnitId=${suY}`, { authorization: `Bearer ${scopedToken}` });
    const ws = await openWs(`${base}/wfm/v1/rta/stream?access_token=${scopedToken}`, { filter: {} });
    const wsAdmin = await openWs(`${base}/wfm/v1/rta/stream`.replace('http', 'ws') + `?access_token=${tenant.adminToken}`, { filter: { schedulingUnitId: suY } });
    clock.advance(1_000);
    const hhmmss = clock.now().toISOString().slice(11, 19);
    await h.state('y1', 'AVAIL', hhmmss);
    await h.state('x1', 'AUX', hhmmss);
    await h.until((a) => a.employeeId === xena && a.actual.eventCode === 'AUX', 'Xena delta');
    await h.until((a) => a.employeeId === yuri && a.actual.since === `${DAY}T${hhmmss}.000Z`, 'Yuri delta');
    await sse.until((e) => e.length >= 1);
    await ws.until((m) => m.length >= 1);
    await wsAdmin.until((m) => m.length >= 1);

    expect(sse.events.map((e) => JSON.parse(e.data).agent.employeeId)).toEqual([xena]);
    expect(ws.messages.map((m) => m.agent?.employeeId)).toEqual([xena]);
    expect(wsAdmin.messages.map((m) => m.agent?.employeeId)).toEqual([yuri]);
    expect(sseAskingY.events).toEqual([]);
    for (const s of [sse, sseAskingY, ws, wsAdmin]) s.close();
    await h.close();
  });

  it('the stream routes need a token with wfm.rta.read (header or ?access_token=)', async () => {
    expect((await openSse(`${base}/wfm/v1/rta/events`)).status).toBe(401);
    expect((await openSse(`${base}/wfm/v1/rta/events?access_token=${tenant.token}`)).status).toBe(403);
    expect((await openWs(`${base}/wfm/v1/rta/stream`, {})).failed).toBe('401');
    expect((await openWs(`${base}/wfm/v1/rta/stream?access_token=${tenant.token}`, {})).failed).toBe('403');
    // Only the opted-in routes read the query: the snapshot wants the header.
    expect((await t.inject({ method: 'GET', url: `/wfm/v1/rta/agents?access_token=${tenant.adminToken}` })).statusCode).toBe(401);
  });
});
