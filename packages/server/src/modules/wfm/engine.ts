import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Config } from '../../config.js';
import type { Platform } from '../../platform/create-platform.js';
import type { IngestService } from '../wfm-ingest/service.js';
import { createAdherence } from './adherence/adherence-part.js';
import type { WfmContext } from './context.js';
import { forecastRoutes } from './forecast/forecast-routes.js';
import { startForecastNightly } from './forecast/nightly.js';
import { specialDayRoutes } from './forecast/special-day-routes.js';
import { startIntradayPush } from './intraday/push.js';
import { intradayRoutes } from './intraday/routes.js';
import { createRta } from './rta/create-rta.js';
import { scheduleRoutes } from './schedules/routes.js';
import { createScheduleService } from './schedules/schedule-service.js';
import { setupRoutes } from './setup/routes.js';
import { createSetupCache } from './setup/setup-cache.js';
import { staffingRequirementsRoutes } from './staffing/requirements-routes.js';
import { staffingRoutes } from './staffing/routes.js';

/**
 * The WFM engine (spec wfm-engine.md): builds each part over one shared context and registers
 * their routes under `/wfm/v1`. Each part registers itself here in one place, in start order;
 * `close` stops them in reverse.
 * @example const engine = await createWfmEngine({ http, platform, config, ingest, metrics }); await engine.close();
 */
export async function createWfmEngine(deps: { http: FastifyInstance; platform: Platform; config: Config; ingest: IngestService; metrics: Registry }) {
  const setup = await createSetupCache(deps.platform.db, deps.platform.bus);
  const ctx: WfmContext = { platform: deps.platform, config: deps.config, ingest: deps.ingest, metrics: deps.metrics, setup };
  const closers: (() => Promise<void>)[] = [() => setup.close()];

  await deps.http.register(setupRoutes, { ctx });
  await deps.http.register(staffingRoutes);
  await deps.http.register(forecastRoutes, { ctx });
  await deps.http.register(specialDayRoutes, { ctx });
  await deps.http.register(intradayRoutes, { ctx });
  await deps.http.register(staffingRequirementsRoutes, { ctx });
  const intradayPush = await startIntradayPush(deps.platform.db, deps.platform.bus, setup, (e) => deps.http.log.error({ err: e }, 'intraday push failed'));
  closers.push(() => intradayPush.unsubscribe());
  const forecastNightly = await startForecastNightly(ctx, { onError: (e) => deps.http.log.error({ err: e }, 'nightly forecast failed') });
  closers.push(async () => forecastNightly.stop());
  const schedules = createScheduleService({ db: deps.platform.db, bus: deps.platform.bus, loadSetup: (tenantId) => setup.get(tenantId) });
  await deps.http.register(scheduleRoutes, { schedules });
  const rta = await createRta(ctx, deps.http);
  closers.push(() => rta.close());
  const adherence = await createAdherence(ctx, deps.http);
  closers.push(() => adherence.close());

  return {
    ctx,
    /** The nightly forecast scheduler (`tick`, `runJob`), for tests. */
    forecastNightly,
    /** The RTA processor (`tick`, `flush`, `board`), for tests and the e2e. */
    rta: rta.processor,
    /** Historical adherence (`recomputeNow`, `enqueue`, `busy`), for tests and the e2e. */
    adherence,
    async close(): Promise<void> {
      for (const close of closers.reverse()) await close();
    },
  };
}

export type WfmEngine = Awaited<ReturnType<typeof createWfmEngine>>;
