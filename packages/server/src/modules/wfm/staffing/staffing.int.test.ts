import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestTenant } from '../../../test-support/test-app.js';

// The calculator through the whole HTTP stack: auth hook, contract validation, engine, serialisation.

const url = '/wfm/v1/staffing/calculate';
const c1 = { model: 'ERLANG_C', contacts: 100, intervalSeconds: 1800, ahtSeconds: 180, slPercent: 80, slSeconds: 20 };

describe('POST /wfm/v1/staffing/calculate', () => {
  let t: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    t = await createTestApp();
    if (!t.app.http.hasRoute({ method: 'POST', url })) throw new Error('staffingRoutes is not registered: add `await http.register(staffingRoutes);` to app.ts');
    tenant = await t.tenant();
  });
  afterAll(async () => t?.close());

  const calculate = (payload: unknown, token: string | null = tenant.adminToken) =>
    t.inject({ method: 'POST', url, payload: payload as object, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('S1: C1 at 80/20 with 30 % shrinkage needs 14 agents, schedules 20', async () => {
    const res = await calculate({ ...c1, shrinkage: 0.3 });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Record<string, number>;
    expect(body).toMatchObject({ trafficErlangs: 10, requiredAgents: 14, scheduledAgents: 20, asaSeconds: 7.836 });
    expect(body.serviceLevel).toBeCloseTo(0.88835, 6);
    expect(body.pWait).toBeCloseTo(0.174132, 6);
    expect(body.occupancy).toBeCloseTo(0.714, 3);
    expect(body).not.toHaveProperty('pAbandon');
  });

  it('answers for a given staff, and under Erlang A with pAbandon', async () => {
    const given = (await calculate({ ...c1, agents: 12 })).json() as Record<string, number>;
    expect(given.requiredAgents).toBe(14);
    expect(given.serviceLevel).toBeCloseTo(0.6402, 4);
    expect(given.asaSeconds).toBe(40.445);

    const erlangA = (await calculate({ ...c1, model: 'ERLANG_A', patienceSeconds: 300, agents: 12 })).json() as Record<string, number>;
    expect(erlangA.requiredAgents).toBe(13);
    expect(erlangA.pAbandon).toBeCloseTo(0.042711, 6);
    expect(erlangA.serviceLevel).toBeCloseTo(0.772279, 6);
  });

  it('answers no contacts with no agents and a null occupancy', async () => {
    const res = await calculate({ ...c1, contacts: 0 });
    expect(res.json()).toEqual({ trafficErlangs: 0, requiredAgents: 0, scheduledAgents: 0, serviceLevel: 1, asaSeconds: 0, pWait: 0, occupancy: null });
  });

  it('refuses a bad request with 400, naming the field', async () => {
    const res = await calculate({ ...c1, intervalSeconds: 600 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      status: 'FAILURE',
      statusReason: 'VALIDATION_FAILED',
      errors: [{ path: 'intervalSeconds', message: 'must be one of 300, 900, 1800, 3600' }],
    });

    const combos = await calculate({ ...c1, model: 'ERLANG_A', fractional: 'GAMMA' });
    expect(combos.statusCode).toBe(400);
    expect((combos.json() as { errors: unknown[] }).errors).toEqual([
      { path: 'patienceSeconds', message: 'is required when model is ERLANG_A' },
      { path: 'fractional', message: 'must be LINEAR when model is ERLANG_A' },
    ]);

    const ranges = await calculate({ ...c1, contacts: -1, maxOccupancy: 1.5, shrinkage: 1, concurrency: 0.5 });
    expect((ranges.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['contacts', 'maxOccupancy', 'shrinkage', 'concurrency']);
  });

  it('answers 401 without a token and 403 without wfm.staffing.read', async () => {
    const anonymous = await calculate(c1, null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ statusReason: 'UNAUTHENTICATED' });
    // The connector token carries wfm.acd.ingest only.
    expect((await calculate(c1, tenant.token)).statusCode).toBe(403);
  });

  it('is in the OpenAPI document with its schemas', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, { post?: { requestBody?: unknown } }> };
    expect(doc.paths[url]?.post?.requestBody).toBeDefined();
  });
});
