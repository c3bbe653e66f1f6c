import type { FastifyInstance } from 'fastify';
import type { WfmContext } from '../context.js';
import { createRtaGateway } from './gateway.js';
import { createRtaProcessor } from './processor.js';
import { rtaRoutes } from './routes.js';

/**
 * Real-time adherence (spec §2): the processor of the tenants this node owns, the gateway that
 * forwards every node's deltas to this node's viewers, and the `/wfm/v1/rta` routes.
 * @example const rta = await createRta(ctx, http); await rta.processor.tick(); await rta.close();
 */
export async function createRta(ctx: WfmContext, http: FastifyInstance) {
  const gateway = await createRtaGateway(ctx.platform.bus, ctx.platform.clock, ctx.config.WFM_RTA_REPLAY_S * 1000);
  const processor = await createRtaProcessor(ctx);
  await http.register(rtaRoutes, { ctx, processor, gateway });
  return {
    processor,
    gateway,
    async close(): Promise<void> {
      await processor.close();
      await gateway.close();
    },
  };
}
