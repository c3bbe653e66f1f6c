import { staffingRequirementsQuerySchema, staffingRequirementsResponseSchema } from '@floorplan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../platform/http/app-error.js';
import { requireAuth } from '../../../platform/http/auth-context.js';
import type { WfmContext } from '../context.js';
import { skillOr404 } from '../forecast/forecast-routes.js';
import { findRun, readRunIntervals } from '../forecast/forecast-store.js';
import type { SkillSetup } from '../setup/tenant-setup.js';
import { staffingBasis, withPatience } from './patience.js';
import { skillPatience } from './patience-reads.js';
import { staffSkill } from './skill-staffing.js';

const read = { permissions: ['wfm.staffing.read'] } as const;
const tags = ['wfm-staffing'];
/** Longest range one request computes (Erlang per interval): 35 days. */
const MAX_RANGE_MS = 35 * 86_400_000;

/**
 * Required and scheduled (after shrinkage) agents of one forecast interval under the skill's goal and
 * staffing settings; null where the skill has no goal (outbound) or the interval no AHT.
 *
 * @example
 * requirementOf(skill, 900, 100, 180); // { requiredAgents: 8, scheduledAgents: 8, serviceLevel: 0.83…, occupancy: 0.83… }
 */
export function requirementOf(skill: SkillSetup, intervalSeconds: number, contacts: number, ahtSeconds: number | null) {
  const r = staffSkill(skill, { contacts, intervalSeconds, ahtSeconds, withShrinkage: true });
  return r === null
    ? { requiredAgents: null, scheduledAgents: null, serviceLevel: null, occupancy: null }
    : { requiredAgents: r.requiredAgents, scheduledAgents: r.scheduledAgents, serviceLevel: r.serviceLevel, occupancy: r.occupancy };
}

/**
 * `GET /wfm/v1/staffing/requirements?skillId&from&to` (engine spec §6.4): the staffing calculator
 * applied to each interval of the skill's active forecast in `[from, to)`.
 *
 * @example
 * await app.register(staffingRequirementsRoutes, { ctx });
 */
export const staffingRequirementsRoutes: FastifyPluginAsyncZod<{ ctx: WfmContext }> = async (app, { ctx }) => {
  app.get(
    '/wfm/v1/staffing/requirements',
    { config: read, schema: { tags, querystring: staffingRequirementsQuerySchema, response: { 200: staffingRequirementsResponseSchema } } },
    async (request) => {
      const { tenantId } = requireAuth(request.auth);
      const skill = await skillOr404(ctx, tenantId, request.query.skillId);
      const fromMs = Date.parse(request.query.from);
      const toMs = Date.parse(request.query.to);
      if (!(toMs > fromMs)) throw new AppError('VALIDATION_FAILED', 'to must be after from', [{ path: 'to', message: 'must be after from' }]);
      if (toMs - fromMs > MAX_RANGE_MS) throw new AppError('VALIDATION_FAILED', 'range too long', [{ path: 'to', message: 'must be at most 35 days after from' }]);
      const setup = await ctx.setup.get(tenantId);
      // The patience comes from the history before the range, and never from after now.
      const [run, patience] = await Promise.all([
        findRun(ctx.platform.db, tenantId, skill.id),
        skillPatience(ctx.platform.db, tenantId, skill, Math.min(fromMs, ctx.platform.clock.now().getTime())),
      ]);
      const basis = staffingBasis(skill, patience);
      if (!run) return { skillId: skill.id, forecast: null, ...basis, items: [] };
      const rows = await readRunIntervals(ctx.platform.db, tenantId, run.id, { fromMs, toMs });
      const intervalSeconds = setup.intervalMs / 1000;
      const sized = withPatience(skill, patience);
      return {
        skillId: skill.id,
        forecast: { runId: run.id, version: run.version },
        ...basis,
        items: rows.map((r) => ({
          intervalStart: new Date(r.start).toISOString(),
          contacts: r.contacts,
          ahtSeconds: r.ahtSeconds,
          ...requirementOf(sized, intervalSeconds, r.contacts, r.ahtSeconds),
        })),
      };
    },
  );
};
