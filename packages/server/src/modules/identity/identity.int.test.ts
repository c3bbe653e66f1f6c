import { exportPKCS8, generateKeyPair, SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.js';
import { createTestApp, type TestApp, type TestTenant } from '../../test-support/test-app.js';

const seedLogin = { accessKeyTokenRequest: { accessKeyId: 'ICIK6JQHUUZANCQ====', accessKeySecret: '3MMUKO7PCQ====' } };

describe('identity: tokens, refresh, discovery', () => {
  const clock = createManualClock(new Date());
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    a = await t.tenant();
    b = await t.tenant();
  });
  afterAll(async () => t?.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.inject({ method: 'POST', url, payload: payload as object, headers });

  it('accepts the flat and the wrapped access-key bodies with exactly the spec keys', async () => {
    const flat = await post('/authentication/v1/token/access-key', a.key);
    expect(flat.statusCode).toBe(200);
    expect(Object.keys(flat.json()).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
    expect(flat.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const wrapped = await post('/authentication/v1/token/access-key', { tenantName: a.name, accessKeyTokenRequest: a.key });
    expect(wrapped.statusCode).toBe(200);
    const claims = decodeJwt(wrapped.json().access_token as string);
    expect(claims).toMatchObject({ tenantId: a.tenantId, aud: 'floorplan', iss: 'http://floorplan.test', permissions: ['wfm.acd.ingest'], scope: 'wfm.acd.ingest' });
    expect(typeof claims.sid).toBe('string');
    expect(typeof claims.jti).toBe('string');
    expect(decodeJwt(wrapped.json().id_token as string)).toMatchObject({ tenantId: a.tenantId, name: 'ACD connector' });
  });

  it('answers a wrong secret and a foreign tenantName with the same 401 INVALID_CREDENTIALS', async () => {
    const wrong = await post('/authentication/v1/token/access-key', { ...a.key, accessKeySecret: 'WRONG====' });
    const foreign = await post('/authentication/v1/token/access-key', { tenantName: b.name, accessKeyTokenRequest: a.key });
    for (const res of [wrong, foreign]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ status: 'FAILURE', statusReason: 'INVALID_CREDENTIALS' });
    }
    expect(wrong.body).toBe(foreign.body);
  });

  it('refuses a body mixing the flat and wrapped forms', async () => {
    const res = await post('/authentication/v1/token/access-key', { ...a.key, accessKeyTokenRequest: a.key });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('accessKeyTokenRequest');
  });

  it('accepts the seed login example after keys import of its sample pair', async () => {
    await t.app.identity.importAccessKey({
      tenantId: a.tenantId,
      userId: (await t.app.identity.userByEmail(a.tenantId, `admin@${a.name}.test`))!.id,
      purpose: 'general',
      accessKeyId: seedLogin.accessKeyTokenRequest.accessKeyId,
      accessKeySecret: seedLogin.accessKeyTokenRequest.accessKeySecret,
    });
    const res = await t.inject({ method: 'POST', url: '/authentication/v1/token/access-key', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(seedLogin, null, 0) });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
  });

  it('rotates refresh tokens and revokes the family when a rotated token is reused', async () => {
    const login = (await post('/authentication/v1/token/access-key', a.key)).json();
    const first = await post('/public/user/refresh', { token: login.refresh_token, updateCookie: true, toggleEnabled: false });
    expect(first.statusCode).toBe(200);
    expect(Object.keys(first.json()).sort()).toEqual(['refreshToken', 'refreshTokenExpirationTimeSec', 'sessionId', 'token', 'tokenExpirationTimeSec']);
    expect(first.json()).toMatchObject({ tokenExpirationTimeSec: 3600, refreshTokenExpirationTimeSec: 7200, sessionId: null });
    expect(first.headers['set-cookie']).toBeUndefined();
    const newAccess = first.json().token as string;
    const ok = await t.inject({ method: 'GET', url: '/wfm/acd/v1/details', headers: { authorization: `Bearer ${newAccess}` } });
    expect(ok.statusCode).toBe(200);

    const reuse = await post('/public/user/refresh', { token: login.refresh_token });
    expect(reuse.statusCode).toBe(401);
    for (const token of [newAccess, login.access_token as string]) {
      const refused = await t.inject({ method: 'GET', url: '/wfm/acd/v1/details', headers: { authorization: `Bearer ${token}` } });
      expect(refused.statusCode).toBe(401);
    }
    const rotatedAlsoDead = await post('/public/user/refresh', { token: first.json().refreshToken });
    expect(rotatedAlsoDead.statusCode).toBe(401);
  });

  it('serves /auth/token with form and JSON bodies and RFC 6749 errors', async () => {
    const form = await t.inject({
      method: 'POST',
      url: '/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic Y2xpZW50OnNlY3JldA==' },
      payload: new URLSearchParams({ grant_type: 'password', username: a.key.accessKeyId, password: a.key.accessKeySecret }).toString(),
    });
    expect(form.statusCode).toBe(200);
    expect(Object.keys(form.json()).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
    const json = await post('/auth/token', { grant_type: 'refresh_token', refresh_token: form.json().refresh_token });
    expect(json.statusCode).toBe(200);
    const bad = await post('/auth/token', { grant_type: 'password', username: a.key.accessKeyId, password: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_grant' });
    const unsupported = await post('/auth/token', { grant_type: 'client_credentials' });
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.json().error).toBe('unsupported_grant_type');
    const missing = await post('/auth/token', { username: 'x' });
    expect(missing.json().error).toBe('invalid_request');
  });

  it('publishes discovery documents', async () => {
    const oidc = (await t.inject({ method: 'GET', url: '/.well-known/openid-configuration' })).json();
    expect(oidc).toMatchObject({ issuer: 'http://floorplan.test', token_endpoint: 'http://floorplan.test/auth/token', jwks_uri: 'http://floorplan.test/.well-known/jwks.json' });
    const jwks = (await t.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.keys[0].d).toBeUndefined();
    const cx = await t.inject({ method: 'GET', url: `/.well-known/cxone-configuration?tenantId=${a.tenantId}` });
    expect(cx.json()).toMatchObject({ tenantId: a.tenantId, area: 'floorplan', cluster: 'floorplan', api_endpoint: 'http://floorplan.test' });
    expect((await t.inject({ method: 'GET', url: '/.well-known/cxone-configuration?tenantId=nope' })).statusCode).toBe(404);
  });

  it('refuses tampered, foreign-signed and expired tokens', async () => {
    const [h, p, s] = a.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...claims, tenantId: b.tenantId })).toString('base64url')}.${s}`;
    const { privateKey } = await generateKeyPair('ES256');
    const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: JSON.parse(Buffer.from(h, 'base64url').toString()).kid }).sign(privateKey);
    for (const token of [altered, foreign, 'not-a-jwt']) {
      const res = await t.inject({ method: 'GET', url: '/wfm/acd/v1/details', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(401);
      expect(res.json().statusReason).toBe('UNAUTHENTICATED');
    }
    clock.advance(3601_000 + 31_000);
    const expired = await t.inject({ method: 'GET', url: '/wfm/acd/v1/details', headers: { authorization: `Bearer ${a.token}` } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().statusReason).toBe('TOKEN_EXPIRED');
    clock.set(new Date());
  });

  it('refuses a revoked key at login and its live tokens at once', async () => {
    const key = await t.app.identity.createAccessKey({ tenantId: a.tenantId, userId: (await t.app.identity.userByEmail(a.tenantId, `admin@${a.name}.test`))!.id, purpose: 'acd-connector' });
    const login = (await post('/authentication/v1/token/access-key', key)).json();
    expect(await t.app.identity.revokeAccessKey(a.tenantId, key.accessKeyId)).toBe(true);
    expect((await post('/authentication/v1/token/access-key', key)).statusCode).toBe(401);
    const res = await t.inject({ method: 'GET', url: '/wfm/acd/v1/details', headers: { authorization: `Bearer ${login.access_token}` } });
    expect(res.statusCode).toBe(401);
  });

  it('needs a token and the right permission on every data route', async () => {
    expect((await t.inject({ method: 'GET', url: '/wfm/acd/v1/details' })).statusCode).toBe(401);
    // The connector token has ingest only, not read.
    const read = await t.inject({ method: 'GET', url: '/wfm/v1/agents/current-states', headers: { authorization: `Bearer ${a.token}` } });
    expect(read.statusCode).toBe(403);
    expect(read.json().statusReason).toBe('FORBIDDEN');
  });

  it('keeps no access key secret in the database, only scrypt hashes', async () => {
    const rows = await t.db.db.query<{ secret_hash: string }>('SELECT secret_hash FROM access_key');
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const r of rows.rows) expect(r.secret_hash).toMatch(/^scrypt\$15\$8\$1\$/);
    const dump = JSON.stringify((await t.db.db.query('SELECT * FROM access_key')).rows) + JSON.stringify((await t.db.db.query('SELECT * FROM refresh_token')).rows);
    expect(dump).not.toContain(a.key.accessKeySecret);
    expect(dump).not.toContain(seedLogin.accessKeyTokenRequest.accessKeySecret);
  });

  it('signs with JWT_PRIVATE_KEY when configured', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const other = await createTestApp({ env: { JWT_PRIVATE_KEY: pem } });
    try {
      const tenant = await other.tenant();
      const jwks = (await other.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
      expect(jwks.keys).toHaveLength(1);
      const res = await other.inject({ method: 'GET', url: '/wfm/acd/v1/details', headers: { authorization: `Bearer ${tenant.token}` } });
      expect(res.statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('rotates the signing key: old tokens stay valid, new ones carry the new kid, the JWKS lists both', async () => {
    const kidOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()).kid as string;
    const before = (await post('/authentication/v1/token/access-key', b.key)).json().access_token as string;
    const refused = await t.inject({ method: 'POST', url: '/admin/v1/signing-keys/rotate', headers: { authorization: `Bearer ${b.adminToken}` } });
    expect(refused.statusCode).toBe(403);
    const rotated = await t.inject({ method: 'POST', url: '/admin/v1/signing-keys/rotate', headers: { authorization: 'Bearer test-operator-secret' } });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { kid, publicKeys } = rotated.json() as { kid: string; publicKeys: number };
    expect(kid).not.toBe(kidOf(before));
    expect(publicKeys).toBe(2);
    const jwks = (await t.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([kid, kidOf(before)].sort());
    const after = (await post('/authentication/v1/token/access-key', b.key)).json().access_token as string;
    expect(kidOf(after)).toBe(kid);
    for (const token of [before, after]) {
      expect((await t.inject({ method: 'GET', url: '/wfm/acd/v1/details', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    }
  });
});
