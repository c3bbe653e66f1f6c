import { intradayQuerySchema, intradayResponseSchema } from '@floorplan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../platform/http/app-error.js';
import { requireAuth } from '../../../platform/http/auth-context.js';
import type { WfmContext } from '../context.js';
import { skillOr404 } from '../forecast/forecast-routes.js';
import { intradayOfSkillDay } from './intraday-service.js';

const read = { permissions: ['wfm.intraday.read'] } as const;
const tags = ['wfm-intraday'];

/**
 * `GET /wfm/v1/intraday?skillId=&date=&granularity=15|30|60` (engine spec §4.5): one skill's local day.
 *
 * @example
 * await app.register(intradayRoutes, { ctx });
 */
export const intradayRoutes: FastifyPluginAsyncZod<{ ctx: WfmContext }> = async (app, { ctx }) => {
  app.get('/wfm/v1/intraday', { config: read, schema: { tags, querystring: intradayQuerySchema, response: { 200: intradayResponseSchema } } }, async (request) => {
    const { tenantId } = requireAuth(request.auth);
    const skill = await skillOr404(ctx, tenantId, request.query.skillId);
    const setup = await ctx.setup.get(tenantId);
    const granularity = Number(request.query.granularity);
    if ((granularity * 60_000) % setup.intervalMs !== 0) {
      throw new AppError('VALIDATION_FAILED', 'granularity is finer than the tenant interval', [
        { path: 'granularity', message: `must be a multiple of the tenant interval (${setup.intervalMs / 60_000} minutes)` },
      ]);
    }
    return intradayOfSkillDay(ctx.platform.db, setup, skill, request.query.date, granularity, ctx.platform.clock.now().getTime());
  });
};
