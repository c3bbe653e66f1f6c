import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

describe('structured logs', () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'trace' }, logStream: { write: (line) => lines.push(line) } });
  });
  afterAll(async () => t?.close());

  it('never contain a key secret, a token or an Authorization header, even at trace level', async () => {
    const tenant = await t.tenant();
    const login = (await t.inject({ method: 'POST', url: '/authentication/v1/token/access-key', payload: tenant.key })).json();
    await t.inject({ method: 'POST', url: '/public/user/refresh', payload: { token: login.refresh_token } });
    await t.inject({ method: 'POST', url: '/auth/token', payload: { grant_type: 'password', username: tenant.key.accessKeyId, password: tenant.key.accessKeySecret } });
    await t.inject({ method: 'POST', url: '/auth/token', payload: { grant_type: 'password', username: tenant.key.accessKeyId, password: 'wrong-secret-value' } });
    await t.inject({ method: 'POST', url: '/wfm/acd/v1/agent-states', headers: { authorization: `Bearer ${login.access_token}` }, payload: { agentStateList: [] } });
    await t.inject({ method: 'GET', url: `/objects/v1/x.csv?expires=1&signature=deadbeefcafe`, headers: { authorization: `Bearer ${login.access_token}` } });
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [tenant.key.accessKeySecret, login.access_token, login.refresh_token, login.id_token, 'wrong-secret-value', 'deadbeefcafe', tenant.token]) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/Bearer [A-Za-z0-9]/);
  });
});
