import type { FastifyBaseLogger } from 'fastify';
import type { App } from '../app.js';
import type { DemoCredentials } from '../bootstrap.js';
import type { Config } from '../config.js';
import { runForecast } from '../modules/wfm/forecast/forecast-runs.js';
import { feedPlanOf, generateDemo, planGeneration, startLiveFeeder, type GenerationPlan, type LiveFeeder } from '../modules/wfm/generator/index.js';
import { demoTimeZone } from './demo-time-zone.js';
import { readDemoCredentials, readDemoState, writeDemoState, type DemoState } from './demo-files.js';

export interface LivingDemo {
  /** Resolves once the demo is generated (or found) and the feeder runs; never rejects (failures are logged). */
  readonly started: Promise<void>;
  /** Stops the feeder (flushing what it queued) and records how far it fed. */
  stop(): Promise<void>;
}

export interface LivingDemoOptions {
  app: Pick<App, 'http' | 'identity' | 'wfm'>;
  config: Pick<Config, 'DATA_DIR' | 'FLOORPLAN_DEMO_WEEKS' | 'FLOORPLAN_DEMO_AGENTS' | 'FLOORPLAN_DEMO_TIME_ZONE'>;
  /** Loopback address of this server: the feeder is an ACD connector talking HTTP to it. */
  url: string;
  log: FastifyBaseLogger;
  /** Bootstrap's answer on the very first start; null later (the credentials file is read then). */
  created: DemoCredentials | null;
}

/** Simulated seconds per second while catching up; the feeder never runs ahead of the server clock, so it is real time afterwards. */
const CATCH_UP_SPEED = 3600;
/** A feeder stopped longer ago than this resumes here: a day of catch-up at most (24 s). */
const MAX_CATCH_UP_MS = 24 * 3_600_000;
const CHECKPOINT_MS = 60_000;

/**
 * The living demo of `npm start`: generates the bootstrap's `demo` tenant (setup, schedules, weeks of
 * history) once, then runs the live feeder against this server with the bootstrap's acd-connector key
 * so the board, intraday and connections move. Runs in the background: the server answers meanwhile.
 */
export function startLivingDemo(o: LivingDemoOptions): LivingDemo {
  const { app, config, log } = o;
  let stopping = false;
  let feeder: LiveFeeder | null = null;
  let state: DemoState | null = null;
  let lastCheckpoint = Date.now();

  async function checkpoint(): Promise<void> {
    if (state) await writeDemoState(config.DATA_DIR, state);
  }

  async function generate(creds: DemoCredentials): Promise<{ plan: GenerationPlan; from: number; saved: DemoState }> {
    const weeks = config.FLOORPLAN_DEMO_WEEKS;
    const agents = config.FLOORPLAN_DEMO_AGENTS;
    const timeZone = demoTimeZone(config.FLOORPLAN_DEMO_TIME_ZONE, app.wfm.ctx.platform.clock.now().getTime());
    log.info(`demo: generating ${weeks} weeks of history for ${agents} agents (time zone ${timeZone})…`);
    const { plan, summary } = await generateDemo(app, { tenant: creds.tenant, weeks, agents, timeZone }, { ifExists: 'skip', progress: (line) => log.info(`demo: ${line}`) });
    if (summary.skipped) log.warn(`demo: tenant ${creds.tenant} already holds generated data; kept as it is`);
    else await forecastAll(creds.tenant, weeks);
    const saved: DemoState = { options: plan.options, generatedAt: new Date(plan.now).toISOString(), fedUntil: null };
    await writeDemoState(config.DATA_DIR, saved);
    log.info(`demo: ready (${plan.setup.employees.length} agents, history up to ${new Date(plan.now).toISOString()})`);
    return { plan, from: plan.now, saved };
  }

  /** The forecast and intraday pages need an active forecast: the nightly run would only make one at 02:00. */
  async function forecastAll(tenant: string, weeks: number): Promise<void> {
    const id = (await app.identity.tenantByName(tenant))?.id;
    if (id === undefined) return;
    const { ctx } = app.wfm;
    const setup = await ctx.setup.get(id);
    const now = ctx.platform.clock.now();
    const historyWeeks = Math.min(8, Math.max(2, weeks));
    for (const skill of setup.skills.values()) {
      const run = await runForecast(ctx.platform.db, id, skill, setup.intervalMs, { method: 'AUTO', historyWeeks, horizonDays: 28 }, now);
      log.info(`demo: forecast of ${skill.name}: ${run.status}${run.method ? ` (${run.method})` : ''}`);
    }
  }

  async function run(): Promise<void> {
    const creds = o.created ?? (await readDemoCredentials(config.DATA_DIR));
    if (!creds) {
      log.info('demo: no demo-credentials.json in DATA_DIR (the demo tenant was not created here); no live demo');
      return;
    }
    if (!(await app.identity.tenantByName(creds.tenant))) {
      log.warn(`demo: tenant ${creds.tenant} of demo-credentials.json does not exist; no live demo`);
      return;
    }
    const found = await readDemoState(config.DATA_DIR);
    const now = app.wfm.ctx.platform.clock.now().getTime();
    // The plan is a pure function of the options: a later start re-derives the generated center.
    const { plan, from, saved } = found
      ? { plan: planGeneration(found.options, now), from: Math.max(found.fedUntil ?? now, now - MAX_CATCH_UP_MS), saved: found }
      : await generate(creds);
    if (stopping) return;
    state = saved;
    feeder = await startLiveFeeder(o.url, { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret }, {
      plan: feedPlanOf(plan),
      from,
      speed: CATCH_UP_SPEED,
      tenantName: creds.tenant,
      onProgress: (p) => {
        saved.fedUntil = p.simulatedTime;
        if (Date.now() - lastCheckpoint < CHECKPOINT_MS) return;
        lastCheckpoint = Date.now();
        checkpoint().catch((e: unknown) => log.warn({ err: e }, 'demo: could not save demo-state.json'));
      },
    });
    log.info(`demo: live feeder running (tenant ${creds.tenant}, from ${new Date(from).toISOString()}, real time once caught up)`);
    void feeder.done.then(
      (totals) => {
        for (const f of totals.failures.slice(0, 20)) log.warn(`demo: refused ${f}`);
      },
      (e: unknown) => log.error({ err: e }, 'demo: live feeder failed'),
    );
    // stop() may have come while the feeder was connecting.
    if (stopping) await feeder.stop();
  }

  const started = run().catch((e: unknown) => {
    if (stopping) return;
    log.error({ err: e }, 'demo: failed; the server runs on without the live demo');
  });

  return {
    started,
    async stop() {
      stopping = true;
      if (!feeder) return;
      const totals = await feeder.stop().catch(() => null);
      if (totals) log.info(`demo: live feeder stopped (${totals.states} states, ${totals.queueReports} queue reports sent)`);
      await checkpoint().catch(() => {});
    },
  };
}
