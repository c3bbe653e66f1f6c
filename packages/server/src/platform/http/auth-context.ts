import type { ErrorSurface } from './error-handler.js';

/** Who is calling: taken from a verified access token, never from the body. */
export interface AuthContext {
  tenantId: string;
  userId: string;
  permissions: ReadonlySet<string>;
  /** Refresh-token family (`sid` claim); revoking it refuses every token of the family. */
  sessionId: string;
  tokenId: string;
}

/** Rate-limit class of a route: `data` is per tenant, `control` per connector session. */
export type RateClass = 'data' | 'control';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** `public`: no token needed. Every other route names the permissions that let a caller in (any of). */
    auth?: 'public';
    permissions?: readonly string[];
    surface?: ErrorSurface;
    rateClass?: RateClass;
  }
}

/** The caller of a route that declared permissions; throws if used on a public route. */
export function requireAuth(auth: AuthContext | null): AuthContext {
  if (!auth) throw new Error('route declared no permissions but needs the caller');
  return auth;
}
