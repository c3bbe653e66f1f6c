import type { ErrorSurface } from './error-handler.js';

/** Who is calling: taken from a verified access token, never from the body. */
export interface AuthContext {
  tenantId: string;
  userId: string;
  permissions: ReadonlySet<string>;
  /**
   * Scheduling units the caller may see (`su` claim); `null` = all. RTA, adherence and schedule
   * reads filter by it (wfm-engine spec §1.1); use `canSeeSchedulingUnit`.
   */
  schedulingUnitIds: readonly string[] | null;
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
    /**
     * `public`: no token needed. `authenticated`: any valid token, whatever it grants (the console's
     * `GET /auth/v1/me`). Every other route names the permissions that let a caller in (any of).
     */
    auth?: 'public' | 'authenticated';
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

/**
 * Whether a caller's scheduling-unit scope covers `schedulingUnitId`.
 * @example canSeeSchedulingUnit(auth, employee.schedulingUnitId)
 */
export function canSeeSchedulingUnit(auth: AuthContext, schedulingUnitId: string): boolean {
  return auth.schedulingUnitIds === null || auth.schedulingUnitIds.includes(schedulingUnitId);
}
