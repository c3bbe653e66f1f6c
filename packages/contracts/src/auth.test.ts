import { describe, expect, it } from 'vitest';
import { parseOAuthTokenRequest } from './auth-oauth.js';
import { accessKeyTokenRequestSchema, normalizeAccessKeyTokenRequest, permissionSchema, roleSchema } from './auth.js';
import { wfmErrorMap } from './issue-messages.js';
import { toValidationIssues } from './issues.js';

const issuesOf = (raw: unknown) => {
  const result = accessKeyTokenRequestSchema.safeParse(raw, { error: wfmErrorMap });
  return result.success ? [] : toValidationIssues(result.error);
};
const normalized = (raw: unknown) => normalizeAccessKeyTokenRequest(accessKeyTokenRequestSchema.parse(raw));

describe('access-key token request', () => {
  it('accepts the flat and the wrapped body and normalises both', () => {
    expect(normalized({ accessKeyId: 'ID', accessKeySecret: 'SECRET' })).toEqual({ accessKeyId: 'ID', accessKeySecret: 'SECRET' });
    expect(normalized({ tenantName: 'acme', accessKeyTokenRequest: { accessKeyId: 'ID', accessKeySecret: 'SECRET' } })).toEqual({
      accessKeyId: 'ID',
      accessKeySecret: 'SECRET',
      tenantName: 'acme',
    });
    expect(normalized({ tenantName: '', accessKeyId: 'ID', accessKeySecret: 'S', accessKeyTokenRequest: null })).toEqual({ accessKeyId: 'ID', accessKeySecret: 'S' });
  });

  it('refuses a body mixing both forms', () => {
    expect(issuesOf({ accessKeyId: 'ID', accessKeyTokenRequest: { accessKeyId: 'ID', accessKeySecret: 'S' } })).toEqual([
      { path: 'accessKeyTokenRequest', message: 'must not be combined with a top-level accessKeyId or accessKeySecret' },
    ]);
  });

  it('names what is missing', () => {
    expect(issuesOf({})).toEqual([
      { path: 'accessKeyId', message: 'is required' },
      { path: 'accessKeySecret', message: 'is required' },
    ]);
    expect(issuesOf({ accessKeyTokenRequest: { accessKeyId: 'ID' } })).toEqual([{ path: 'accessKeyTokenRequest.accessKeySecret', message: 'is required' }]);
  });

  it('accepts any printable ASCII up to 128 characters, nothing else', () => {
    expect(issuesOf({ accessKeyId: ' !~ICIK6JQHUUZANCQ====', accessKeySecret: 'x'.repeat(128) })).toEqual([]);
    expect(issuesOf({ accessKeyId: 'x'.repeat(129), accessKeySecret: '' })).toEqual([
      { path: 'accessKeyId', message: 'must be at most 128 characters' },
      { path: 'accessKeySecret', message: 'must be at least 1 character' },
    ]);
    expect(issuesOf({ accessKeyId: 'é', accessKeySecret: 'a\nb' })).toEqual([
      { path: 'accessKeyId', message: 'must contain only printable ASCII characters' },
      { path: 'accessKeySecret', message: 'must contain only printable ASCII characters' },
    ]);
  });
});

describe('/auth/token request', () => {
  it('parses both grants, with extra OAuth fields', () => {
    expect(parseOAuthTokenRequest({ grant_type: 'password', username: 'ID', password: 'S', client_id: 'x', scope: 'openid' })).toEqual({
      ok: true,
      value: { grant_type: 'password', username: 'ID', password: 'S', client_id: 'x', client_secret: undefined, scope: 'openid' },
    });
    const refresh = parseOAuthTokenRequest({ grant_type: 'refresh_token', refresh_token: 'abc', foo: 1 });
    expect(refresh.ok && refresh.value).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'abc' });
  });

  it.each([
    [{}, 'invalid_request', 'grant_type is required'],
    [null, 'invalid_request', 'grant_type is required'],
    [{ grant_type: 'client_credentials' }, 'unsupported_grant_type', 'grant_type "client_credentials" is not supported'],
    [{ grant_type: 5 }, 'unsupported_grant_type', 'grant_type 5 is not supported'],
    [{ grant_type: 'password', username: 'ID' }, 'invalid_request', 'password is required'],
    [{ grant_type: 'refresh_token', refresh_token: '' }, 'invalid_request', 'refresh_token must be at least 1 character'],
  ])('%j → %s', (raw, error, description) => {
    expect(parseOAuthTokenRequest(raw)).toEqual({ ok: false, error: { error, error_description: description } });
  });
});

describe('permissions and roles', () => {
  it('know the spec values', () => {
    for (const p of ['wfm.acd.ingest', 'wfm.acd.read', 'admin.tenants', 'admin.users', 'admin.keys']) expect(permissionSchema.parse(p)).toBe(p);
    expect(roleSchema.options).toEqual(['admin', 'supervisor', 'analyst', 'agent', 'acd-connector', 'none']);
  });
});
