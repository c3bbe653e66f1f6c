import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../platform/clock.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { feedPlanOf, generateDemo, type DemoResult } from './generate-demo.js';
import { startLiveFeeder } from './live-feeder.js';
import { planSchedules } from './plan-schedules.js';
import { accessToken, injectHttp, GeneratorError } from './wfm-http.js';
import { historyQueueWindows, historyStates } from './write-history.js';

// Wednesday 11:07 in Paris: the five agents are on shift. History stops 30 minutes before, so the
// live feeder has 20 simulated minutes to send at full speed without passing the server clock.
const NOW = Date.parse('2026-03-04T10:07:00Z');
const LAG_MS = 30 * 60_000;

describe('floorplan generate (generateDemo + live feeder)', () => {
  let t: TestApp;
  let result: DemoResult;
  let token: string;
  const tenant = `gen-${randomUUID().slice(0, 8)}`;
  const options = { tenant, agents: 5, weeks: 1, skills: 2, seed: 7, timeZone: 'Europe/Paris' };

  const get = async (url: string) => {
    const res = await t.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: createManualClock(new Date(NOW)) });
    result = await generateDemo(t.app, options, { ifExists: 'fail', lagMs: LAG_MS });
    token = await accessToken(injectHttp(t.app, ''), result.keys.adminKey);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('writes the setup through the setup API', async () => {
    expect(result.summary.skipped).toBe(false);
    const employees = (await get('/wfm/v1/employees')) as { items: { name: string; acdLogins: { loginId: string }[]; skills: unknown[] }[] };
    expect(employees.items.map((e) => e.acdLogins.map((l) => l.loginId)).flat().sort()).toEqual(['5001', '5002', '5003', '5004', '5005']);
    const skills = (await get('/wfm/v1/skills')) as { items: { name: string; acdQueues: { queueValue: string }[]; timeZone: string }[] };
    expect(skills.items.map((s) => [s.name, s.acdQueues.map((q) => q.queueValue), s.timeZone]).sort()).toEqual([
      ['Sales', ['8057'], 'Europe/Paris'],
      ['Support', ['8058'], 'Europe/Paris'],
    ]);
    const codes = (await get('/wfm/v1/activity-codes')) as { items: { name: string }[] };
    expect(codes.items.map((c) => c.name).sort()).toEqual(['Break', 'Login', 'Logoff', 'Lunch', 'Meeting', 'Open', 'Training']);
    const mappings = (await get('/wfm/v1/event-mappings')) as { items: unknown[] };
    expect(mappings.items).toHaveLength(11);
    const units = (await get('/wfm/v1/scheduling-units')) as { items: { timeZone: string; isDefault: boolean }[] };
    expect(units.items.find((u) => u.isDefault)?.timeZone).toBe('Europe/Paris');
  });

  it('sets Support to Erlang A, which falls back to Erlang C while its history has under 30 abandons', async () => {
    const skills = (await get('/wfm/v1/skills')) as { items: { id: string; name: string; staffing: { model: string; patienceSeconds?: number } }[] };
    const support = skills.items.find((s) => s.name === 'Support');
    expect(support?.staffing).toMatchObject({ model: 'ERLANG_A' });
    expect(support?.staffing.patienceSeconds).toBeUndefined();
    expect(skills.items.find((s) => s.name === 'Sales')?.staffing.model).toBe('ERLANG_C');
    const intraday = await get(`/wfm/v1/intraday?skillId=${support?.id}&date=2026-03-04`);
    // One week of five agents gives Support too few long abandons for a patience (§6.3); the demo's
    // eight weeks give it one (docs/generator.md).
    expect(intraday).toMatchObject({ staffingModel: 'ERLANG_C', patience: null });
  });

  it('publishes the planned schedules', async () => {
    const { plan } = result;
    expect(plan.scheduleDates[0]).toBe('2026-02-25');
    expect(plan.scheduleDates.at(-1)).toBe('2026-03-18');
    const planned = planSchedules(7, plan.setup.employees, plan.scheduleDates, 'Europe/Paris');
    const segments = planned.reduce((n, d) => n + d.segments.length, 0);
    expect(result.summary.scheduleSegments).toBe(segments);
    const published = (await get(`/wfm/v1/schedules?from=2026-02-25&to=2026-03-18&flatten=false`)) as { items: { coveredDates: string[]; segments: unknown[] }[] };
    expect(published.items).toHaveLength(5);
    expect(published.items.reduce((n, e) => n + e.segments.length, 0)).toBe(segments);
    for (const e of published.items) expect(e.coveredDates).toHaveLength(22);
  });

  it('sends the history through ingestion: every state and one queue report per closed window', async () => {
    const { plan, summary } = result;
    expect(plan.now).toBe(NOW - LAG_MS);
    const states = historyStates(plan);
    const windows = historyQueueWindows(plan);
    expect(summary.history).toEqual({ agentStates: states.length, queueReports: windows.size, queueRows: windows.size * 2 });
    // 2026-02-25 00:00 Paris to 10:30 Paris on 2026-03-04 (09:30 UTC): 7 × 96 + 42 windows.
    expect(windows.size).toBe(7 * 96 + 42);
    const stored = (await get(`/wfm/v1/agent-states?from=2026-02-24T00:00:00Z&to=2026-03-05T00:00:00Z&limit=100000`)) as { agentStates: unknown[] };
    expect(stored.agentStates).toHaveLength(states.length);
    const intervals = (await get(`/wfm/v1/queue-intervals?from=2026-02-24T23:00:00Z&to=2026-03-04T09:37:00Z`)) as { queueIntervals: { contactsReceived: number; handledShort: number; handledLong: number; abandonedShort: number; abandonedLong: number }[] };
    expect(intervals.queueIntervals).toHaveLength(windows.size * 2);
    const sent = [...windows.values()].flat().reduce((n, r) => n + (r.contactsReceived ?? 0), 0);
    expect(intervals.queueIntervals.reduce((n, r) => n + r.contactsReceived, 0)).toBe(sent);
    for (const r of intervals.queueIntervals) expect(r.handledShort + r.handledLong + r.abandonedShort + r.abandonedLong).toBe(r.contactsReceived);
  });

  it('gives the adherence report real data: every event mapped, mostly adherent', async () => {
    const { plan, summary, keys } = result;
    const employeeIds = summary.setup!.employeeIds;
    await t.app.wfm.adherence.recomputeNow(keys.tenantId, employeeIds, '2026-02-25', '2026-03-03');
    const report = (await get('/wfm/v1/adherence/report?from=2026-02-25&to=2026-03-03&limit=1000')) as {
      items: unknown[];
      totals: { scheduledSeconds: number; unmappedSeconds: number; adherencePct: number | null; inSeconds: number; outSeconds: number };
    };
    const days = planSchedules(7, plan.setup.employees, plan.scheduleDates.filter((d) => d <= '2026-03-03'), 'Europe/Paris');
    const worked = days.filter((d) => d.segments.length > 0).length;
    expect(report.items).toHaveLength(5 * 7);
    expect(report.totals.scheduledSeconds).toBe(worked * 8.5 * 3600);
    expect(report.totals.unmappedSeconds).toBe(0);
    expect(report.totals.inSeconds + report.totals.outSeconds).toBe(report.totals.scheduledSeconds);
    expect(report.totals.adherencePct).toBeGreaterThan(85);
    expect(report.totals.adherencePct).toBeLessThan(99.5);
  });

  it('refuses a second run on the same tenant, or skips it when asked', async () => {
    await expect(generateDemo(t.app, options, { ifExists: 'fail', lagMs: LAG_MS })).rejects.toThrow(GeneratorError);
    await expect(generateDemo(t.app, options, { ifExists: 'fail', lagMs: LAG_MS })).rejects.toThrow(/already has generated data \(activity code Open, /);
    const again = await generateDemo(t.app, options, { ifExists: 'skip', lagMs: LAG_MS });
    expect(again.summary.skipped).toBe(true);
    const employees = (await get('/wfm/v1/employees')) as { items: unknown[] };
    expect(employees.items).toHaveLength(5);
  });

  it('feeds 20 simulated minutes at max speed through the SDK: states, queue and activity reports arrive', async () => {
    await t.app.http.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.http.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const from = result.plan.now;
    const until = from + 20 * 60_000;
    const feeder = await startLiveFeeder(url, result.keys.connectorKey, { plan: feedPlanOf(result.plan), from, until, speed: 'max', tenantName: tenant });
    const totals = await feeder.done;
    expect(totals.failures).toEqual([]);
    expect(totals.simulatedTime).toBe(until);
    // Windows ending 09:45 and 10:00 UTC close inside the 20 minutes (09:37–09:57 UTC): 09:45 only.
    expect(totals.queueReports).toBe(1);
    expect(totals.activityReports).toBe(1);
    expect(totals.states).toBeGreaterThan(5);

    const current = (await get('/wfm/v1/agents/current-states')) as { agentStates: { loginId: string; eventUtcTime: string }[] };
    const live = current.agentStates.filter((s) => Date.parse(s.eventUtcTime) >= from);
    expect(live.length).toBeGreaterThan(0);
    const queue = (await get('/wfm/v1/queue-intervals?from=2026-03-04T09:30:00Z&to=2026-03-04T09:45:00Z')) as { queueIntervals: { queueValue: string; windowStart: string }[] };
    expect(queue.queueIntervals.map((q) => q.queueValue).sort()).toEqual(['8057', '8058']);
    const activities = (await get('/wfm/v1/agent-activities?from=2026-03-04T09:30:00Z&to=2026-03-04T09:45:00Z')) as { agentActivities: unknown[] };
    expect(activities.agentActivities.length).toBeGreaterThan(0);
    const stored = (await get(`/wfm/v1/agent-states?from=${new Date(from).toISOString()}&to=${new Date(until).toISOString()}`)) as { agentStates: unknown[] };
    expect(stored.agentStates).toHaveLength(totals.states);
  }, 120_000);
});
