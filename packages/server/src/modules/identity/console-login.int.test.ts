import { consoleLoginResponseSchema, consoleSessionSchema } from '@floorplan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestTenant } from '../../test-support/test-app.js';
import { createAdminOperations } from './admin-operations.js';

describe('console sign-in (POST /auth/v1/login, GET /auth/v1/me)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const password = 'correct horse battery';

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await t.tenant();
    await createAdminOperations(t.app.identity).createUser(tenant.name, { email: 'sup@console.test', name: 'Sam Supervisor', role: 'supervisor', password });
  });
  afterAll(async () => t?.close());

  const login = (body: Record<string, unknown>, ip = '10.0.0.1') =>
    t.inject({ method: 'POST', url: '/auth/v1/login', payload: body, remoteAddress: ip });

  it('signs a user in with tokens, who they are and their permissions', async () => {
    const res = await login({ tenant: tenant.name, email: 'SUP@console.test', password });
    expect(res.statusCode).toBe(200);
    const body = consoleLoginResponseSchema.parse(res.json());
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBeGreaterThan(0);
    expect(body.user).toEqual({
      email: 'sup@console.test',
      name: 'Sam Supervisor',
      role: 'supervisor',
      permissions: expect.arrayContaining(['wfm.rta.read', 'wfm.adherence.write']),
      schedulingUnitIds: null,
    });
    expect(body.user.permissions).not.toContain('wfm.setup.write');
    expect(body.tenant).toEqual({ id: tenant.tenantId, name: tenant.name });

    // The token opens what the role allows.
    const board = await t.inject({ method: 'GET', url: '/wfm/v1/rta/agents', headers: { authorization: `Bearer ${body.access_token}` } });
    expect(board.statusCode).toBe(200);

    const me = await t.inject({ method: 'GET', url: '/auth/v1/me', headers: { authorization: `Bearer ${body.access_token}` } });
    expect(me.statusCode).toBe(200);
    expect(consoleSessionSchema.parse(me.json())).toEqual({ user: body.user, tenant: body.tenant });
  });

  it('answers a wrong password, an unknown email and an unknown tenant with the same 401', async () => {
    const answers = await Promise.all([
      login({ tenant: tenant.name, email: 'sup@console.test', password: 'wrong password' }, '10.0.0.2'),
      login({ tenant: tenant.name, email: 'nobody@console.test', password }, '10.0.0.2'),
      login({ tenant: 'no-such-tenant', email: 'sup@console.test', password }, '10.0.0.2'),
      // The admin made by the test helper has a password; the connector user has none.
      login({ tenant: tenant.name, email: `acd-connector@${tenant.name}`, password: '' }, '10.0.0.2'),
    ]);
    const shapes = answers.map((r) => {
      const b = r.json() as { status: string; statusReason: string };
      return { status: r.statusCode, body: { status: b.status, statusReason: b.statusReason } };
    });
    expect(shapes[0]).toEqual({ status: 401, body: { status: 'FAILURE', statusReason: expect.any(String) } });
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
    // An empty password is a malformed body, not a credential check.
    expect(shapes[3]?.status).toBe(400);
  });

  it('refuses a disabled user and a disabled tenant', async () => {
    const ops = createAdminOperations(t.app.identity);
    await ops.createUser(tenant.name, { email: 'gone@console.test', role: 'analyst', password });
    await t.platform.db.query(`UPDATE app_user SET status = 'DISABLED' WHERE tenant_id = $1 AND email = 'gone@console.test'`, [tenant.tenantId]);
    expect((await login({ tenant: tenant.name, email: 'gone@console.test', password }, '10.0.0.3')).statusCode).toBe(401);

    const other = await t.tenant();
    await t.app.identity.setTenantStatus(other.tenantId, 'DISABLED');
    const res = await login({ tenant: other.name, email: `admin@${other.name}.test`, password }, '10.0.0.3');
    expect(res.statusCode).toBe(403);
  });

  it('refreshes a console session with rotation', async () => {
    const first = consoleLoginResponseSchema.parse((await login({ tenant: tenant.name, email: 'sup@console.test', password }, '10.0.0.4')).json());
    const refreshed = await t.inject({ method: 'POST', url: '/public/user/refresh', payload: { token: first.refresh_token } });
    expect(refreshed.statusCode).toBe(200);
    const r = refreshed.json() as { token: string; refreshToken: string };
    const me = await t.inject({ method: 'GET', url: '/auth/v1/me', headers: { authorization: `Bearer ${r.token}` } });
    expect(me.statusCode).toBe(200);
    expect((me.json() as { user: { permissions: string[] } }).user.permissions).toEqual(first.user.permissions);
    // The used refresh token is spent.
    const again = await t.inject({ method: 'POST', url: '/public/user/refresh', payload: { token: first.refresh_token } });
    expect(again.statusCode).toBe(401);
  });

  it('me: needs a token, takes any valid one', async () => {
    expect((await t.inject({ method: 'GET', url: '/auth/v1/me' })).statusCode).toBe(401);
    expect((await t.inject({ method: 'GET', url: '/auth/v1/me', headers: { authorization: 'Bearer nonsense' } })).statusCode).toBe(401);
    // A connector key's token grants no read permission but names a user of the tenant.
    const me = await t.inject({ method: 'GET', url: '/auth/v1/me', headers: { authorization: `Bearer ${tenant.token}` } });
    expect(me.statusCode).toBe(200);
    expect((me.json() as { user: { permissions: string[] } }).user.permissions).toEqual(['wfm.acd.ingest']);
  });

  it('limits failed logins per tenant and email', async () => {
    const bad = { tenant: tenant.name, email: 'target@console.test', password: 'guess guess' };
    for (let i = 0; i < 10; i++) expect((await login(bad, `10.1.0.${i}`)).statusCode).toBe(401);
    const limited = await login(bad, '10.1.0.99');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
