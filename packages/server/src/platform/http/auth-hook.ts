import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';
import type { AuthContext } from './auth-context.js';
import type { TokenBuckets } from './token-bucket.js';

export interface AccessTokenVerifier {
  /** Resolves the caller of a bearer token; throws AppError UNAUTHENTICATED, TOKEN_EXPIRED or TENANT_DISABLED. */
  verify(token: string): Promise<AuthContext>;
}

export interface AuthHookOptions {
  verifier: AccessTokenVerifier;
  rateLimits: { data: TokenBuckets; control: TokenBuckets };
  now: () => number;
  /** Bearer secret of the local operator (the CLI); grants every permission on every tenant. */
  operatorSecret?: string;
}

/** Tenant id of the operator's context: admin routes accept it for any tenant. */
export const operatorTenant = '*';

const digest = (s: string) => createHash('sha256').update(s).digest();

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route also takes the access token as `?access_token=` (EventSource and WebSocket
     * clients in browsers cannot set headers). The header wins; logged URLs mask the value.
     */
    tokenInQuery?: boolean;
  }
}

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (match?.[1]) return match[1];
  if (!header && request.routeOptions.config.tokenInQuery) {
    const q = request.query as Record<string, unknown> | undefined;
    if (typeof q?.access_token === 'string' && q.access_token !== '') return q.access_token;
  }
  throw new AppError('UNAUTHENTICATED', 'missing bearer token');
}

function claimedTenant(request: FastifyRequest): string | undefined {
  const header = request.headers['x-tenant-id'];
  if (typeof header === 'string' && header !== '') return header;
  const q = request.query as Record<string, unknown> | undefined;
  return typeof q?.tenantId === 'string' && q.tenantId !== '' ? q.tenantId : undefined;
}

/**
 * Authenticates, authorises and rate-limits every route before its body is parsed. A route must
 * declare `config.auth: 'public'`, `config.auth: 'authenticated'` (any valid token, whatever it
 * grants) or `config.permissions`; one that declares none of them fails at boot.
 */
export function registerAuthHook(app: FastifyInstance, options: AuthHookOptions): void {
  app.decorateRequest('auth', null);
  const operatorDigest = options.operatorSecret ? digest(options.operatorSecret) : null;
  const operator: AuthContext = {
    tenantId: operatorTenant,
    userId: 'operator',
    permissions: new Set(['admin.operator', 'admin.users', 'admin.keys']),
    schedulingUnitIds: null,
    sessionId: 'operator',
    tokenId: 'operator',
  };
  app.addHook('onRoute', (route) => {
    const config = route.config as { auth?: string; permissions?: readonly string[] } | undefined;
    if (route.url.startsWith('/docs')) return;
    if (config?.auth !== 'public' && config?.auth !== 'authenticated' && !config?.permissions?.length) {
      throw new Error(`route ${route.method} ${route.url} declares neither auth: 'public' | 'authenticated' nor permissions`);
    }
    // The OpenAPI document shows which operations take a bearer token and which permission.
    if (config?.auth === 'authenticated') {
      route.schema = { ...(route.schema ?? {}), security: [{ bearer: [] }] };
    } else if (config?.permissions?.length) {
      const schema = (route.schema ?? {}) as Record<string, unknown>;
      route.schema = { ...schema, security: [{ bearer: [] }], description: `${schema.description ? `${String(schema.description)} ` : ''}Permission: ${config.permissions.join(' or ')}.` };
    }
  });
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    // An empty permission list is not "any caller": only `auth: 'authenticated'` asks for a token alone.
    const authenticatedOnly = config.auth === 'authenticated';
    if (!authenticatedOnly && !config.permissions?.length) return;
    const permissions = config.permissions ?? [];
    const token = bearer(request);
    if (operatorDigest && timingSafeEqual(digest(token), operatorDigest)) {
      request.auth = operator;
    } else {
      request.auth = await options.verifier.verify(token);
    }
    const auth = request.auth;
    const claimed = claimedTenant(request);
    if (claimed !== undefined && auth.tenantId !== operatorTenant && claimed !== auth.tenantId) {
      throw new AppError('TENANT_MISMATCH', 'the tenant named by the request is not the token tenant', [
        { path: request.headers['x-tenant-id'] ? 'X-Tenant-Id' : 'tenantId', message: 'must be the token tenant' },
      ]);
    }
    if (!authenticatedOnly && !permissions.some((p) => auth.permissions.has(p))) {
      throw new AppError('FORBIDDEN', `requires permission ${permissions.join(' or ')}`);
    }
    if (config.rateClass) {
      const key = config.rateClass === 'data' ? auth.tenantId : auth.sessionId;
      const wait = options.rateLimits[config.rateClass].take(key, options.now());
      if (wait > 0) {
        const seconds = String(Math.max(1, Math.ceil(wait)));
        void reply.header('retry-after', seconds);
        throw new AppError('RATE_LIMITED', 'rate limit exceeded', [], { 'retry-after': seconds });
      }
    }
  });
}
