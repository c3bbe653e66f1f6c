import {
  accessKeyTokenRequestSchema,
  accessKeyTokenResponseSchema,
  cxoneConfigurationSchema,
  normalizeAccessKeyTokenRequest,
  oauthErrorResponseSchema,
  oauthTokenRequestSchema,
  oauthTokenResponseSchema,
  openIdConfigurationSchema,
  parseOAuthTokenRequest,
  refreshTokenRequestSchema,
  refreshTokenResponseSchema,
  wfmFailureResponseSchema,
} from '@floorplan/contracts';
import formbody from '@fastify/formbody';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/http/app-error.js';
import { validatedByHandler } from '../../platform/http/zod-validation.js';
import { createLoginThrottle } from './login-throttle.js';
import type { IdentityService, TokenSet } from './service.js';

const tags = ['auth'];
// Parsed in the handler: RFC 6749 tells an unknown grant (unsupported_grant_type) from a bad body (invalid_request).
const oauthBody = validatedByHandler(oauthTokenRequestSchema);
const publicRoute = { auth: 'public' } as const;

/**
 * Token endpoints (spec §2): access-key login, refresh with rotation, the OAuth2-style `/auth/token`,
 * and the discovery documents. None needs a token.
 */
export const identityRoutes: FastifyPluginAsyncZod<{ identity: IdentityService; publicUrl: string; now?: () => number }> = async (
  app,
  { identity, publicUrl, now = Date.now },
) => {
  const throttle = createLoginThrottle();

  /** Applies the failed-login limits around an access-key login. */
  async function login(request: FastifyRequest, creds: { accessKeyId: string; accessKeySecret: string; tenantName?: string }): Promise<TokenSet> {
    const wait = throttle.check(creds.accessKeyId, request.ip, now());
    if (wait > 0) throw new AppError('RATE_LIMITED', 'too many failed logins', [], { 'retry-after': String(wait) });
    try {
      return await identity.loginWithAccessKey(creds);
    } catch (e) {
      if (e instanceof AppError && e.code === 'INVALID_CREDENTIALS') throttle.failed(creds.accessKeyId, request.ip, now());
      throw e;
    }
  }

  app.post('/authentication/v1/token/access-key',
    { config: publicRoute, schema: { tags, body: accessKeyTokenRequestSchema, response: { 200: accessKeyTokenResponseSchema, 400: wfmFailureResponseSchema, 401: wfmFailureResponseSchema } } },
    async (request) => {
      const t = await login(request, normalizeAccessKeyTokenRequest(request.body));
      return { id_token: t.idToken, token_type: 'Bearer' as const, expires_in: t.expiresIn, refresh_token: t.refreshToken, access_token: t.accessToken };
    });

  app.post('/public/user/refresh',
    { config: publicRoute, schema: { tags, body: refreshTokenRequestSchema, response: { 200: refreshTokenResponseSchema, 400: wfmFailureResponseSchema, 401: wfmFailureResponseSchema } } },
    async (request) => {
      const t = await identity.refresh(request.body.token);
      return { token: t.accessToken, tokenExpirationTimeSec: t.expiresIn, refreshToken: t.refreshToken, refreshTokenExpirationTimeSec: t.refreshExpiresIn, sessionId: null };
    });

  // `/auth/token` takes form-encoded bodies too; the parser is registered in this scope only.
  await app.register(async (scope) => {
    const oauth = scope.withTypeProvider<ZodTypeProvider>();
    await oauth.register(formbody);
    oauth.post('/auth/token',
      { config: { ...publicRoute, surface: 'oauth' }, schema: { tags, body: oauthBody, response: { 200: oauthTokenResponseSchema, 400: oauthErrorResponseSchema } } },
      async (request, reply) => {
        const parsed = parseOAuthTokenRequest(request.body);
        if (!parsed.ok) return reply.status(400).send(parsed.error);
        const body = parsed.value;
        const t = body.grant_type === 'password'
          ? await login(request, { accessKeyId: body.username, accessKeySecret: body.password })
          : await identity.refresh(body.refresh_token);
        return { access_token: t.accessToken, token_type: 'Bearer' as const, expires_in: t.expiresIn, refresh_token: t.refreshToken, id_token: t.idToken, scope: t.scope };
      });
  });

  app.get('/.well-known/openid-configuration', { config: publicRoute, schema: { tags, response: { 200: openIdConfigurationSchema } } }, async () => ({
    issuer: publicUrl,
    token_endpoint: `${publicUrl}/auth/token`,
    jwks_uri: `${publicUrl}/.well-known/jwks.json`,
    grant_types_supported: ['password', 'refresh_token'],
    id_token_signing_alg_values_supported: ['ES256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic'],
    response_types_supported: ['token'],
    subject_types_supported: ['public'],
  }));

  app.get('/.well-known/jwks.json', { config: publicRoute, schema: { tags, response: { 200: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }) } } },
    async () => identity.jwks() as { keys: Record<string, unknown>[] });

  app.get('/.well-known/cxone-configuration',
    { config: publicRoute, schema: { tags, querystring: z.object({ tenantId: z.string().min(1).max(255) }), response: { 200: cxoneConfigurationSchema } } },
    async (request) => {
      const id = request.query.tenantId;
      const tenant = /^[0-9a-f-]{36}$/i.test(id) ? await identity.tenantById(id) : await identity.tenantByName(id);
      if (!tenant) throw new AppError('NOT_FOUND', 'unknown tenant', [{ path: 'tenantId', message: 'no such tenant' }]);
      return {
        tenantId: tenant.id,
        area: 'floorplan',
        cluster: 'floorplan',
        domain: new URL(publicUrl).host,
        acdDomain: new URL(publicUrl).host,
        ui_endpoint: publicUrl,
        auth_endpoint: publicUrl,
        api_endpoint: publicUrl,
      };
    });
};
