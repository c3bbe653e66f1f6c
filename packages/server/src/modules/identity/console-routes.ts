import { consoleLoginRequestSchema, consoleLoginResponseSchema, consoleSessionSchema, wfmFailureResponseSchema, type ConsoleSession } from '@floorplan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/http/app-error.js';
import { operatorTenant } from '../../platform/http/auth-hook.js';
import { requireAuth } from '../../platform/http/auth-context.js';
import { createLoginThrottle } from './login-throttle.js';
import type { TenantRow, UserRow } from './repo.js';
import type { IdentityService } from './service.js';

const tags = ['auth'];

function describe(user: UserRow, tenant: TenantRow, permissions: Iterable<string>): ConsoleSession {
  return {
    user: { email: user.email, name: user.name, role: user.role, permissions: [...permissions].sort(), schedulingUnitIds: user.scheduling_unit_ids },
    tenant: { id: tenant.id, name: tenant.name },
  };
}

/**
 * Console sign-in (issue 5): email and password of a tenant's user, and `me` for a console that
 * reloads with a stored token. Failed logins are limited like access-key logins (10 a minute per
 * tenant and email, 100 per client address).
 */
export const consoleAuthRoutes: FastifyPluginAsyncZod<{ identity: IdentityService; now?: () => number }> = async (app, { identity, now = Date.now }) => {
  const throttle = createLoginThrottle();

  app.post('/auth/v1/login',
    {
      config: { auth: 'public' },
      schema: { tags, body: consoleLoginRequestSchema, response: { 200: consoleLoginResponseSchema, 400: wfmFailureResponseSchema, 401: wfmFailureResponseSchema, 429: wfmFailureResponseSchema } },
    },
    async (request) => {
      const { tenant, email, password } = request.body;
      const who = `${tenant.toLowerCase()}/${email.toLowerCase()}`;
      const wait = throttle.check(who, request.ip, now());
      if (wait > 0) throw new AppError('RATE_LIMITED', 'too many failed logins', [], { 'retry-after': String(wait) });
      let t;
      try {
        t = await identity.loginWithPassword({ tenant, email, password });
      } catch (e) {
        if (e instanceof AppError && e.code === 'INVALID_CREDENTIALS') throttle.failed(who, request.ip, now());
        throw e;
      }
      return {
        id_token: t.idToken,
        token_type: 'Bearer' as const,
        expires_in: t.expiresIn,
        refresh_token: t.refreshToken,
        refresh_expires_in: t.refreshExpiresIn,
        access_token: t.accessToken,
        ...describe(t.user, t.tenant, t.scope === '' ? [] : t.scope.split(' ')),
      };
    });

  app.get('/auth/v1/me',
    { config: { auth: 'authenticated' }, schema: { tags, response: { 200: consoleSessionSchema, 401: wfmFailureResponseSchema, 404: wfmFailureResponseSchema } } },
    async (request) => {
      const auth = requireAuth(request.auth);
      // The CLI's operator secret is no user of any tenant.
      const found = auth.tenantId === operatorTenant ? null : await identity.sessionOf(auth);
      if (!found) throw new AppError('NOT_FOUND', 'the token names no user of a tenant');
      return describe(found.user, found.tenant, auth.permissions);
    });
};
