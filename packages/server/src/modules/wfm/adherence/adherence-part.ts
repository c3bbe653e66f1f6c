import type { FastifyInstance } from 'fastify';
import type { WfmContext } from '../context.js';
import { startRecomputeJobs } from './recompute-jobs.js';
import { recomputeAgentDays, type RecomputeOutcome } from './recompute.js';
import { adherenceRoutes } from './routes.js';

/**
 * Historical adherence (spec §3): the recompute queue and its triggers, and the `/wfm/v1/adherence`
 * routes. `recomputeNow` runs a recompute in the caller's await (tests, the e2e, tools) instead of
 * waiting for the queue.
 * @example const adherence = await createAdherence(ctx, http); await adherence.recomputeNow(tenantId, [ann], '2026-03-02', '2026-03-02');
 */
export async function createAdherence(ctx: WfmContext, http: FastifyInstance) {
  const recompute = await startRecomputeJobs(ctx);
  await http.register(adherenceRoutes, { ctx, recompute });
  return {
    recomputeNow: (tenantId: string, employeeIds: readonly string[], fromDate: string, toDate: string): Promise<RecomputeOutcome> =>
      recomputeAgentDays(ctx, tenantId, employeeIds, fromDate, toDate),
    enqueue: recompute.enqueue,
    busy: recompute.busy,
    close: recompute.close,
  };
}

export type Adherence = Awaited<ReturnType<typeof createAdherence>>;
