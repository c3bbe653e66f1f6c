// The nightly regeneration (spec §5.6): at 02:00 skill time every active skill gets a fresh 28-day
// AUTO forecast. A timer on every node checks once a minute (on `ctx.platform.clock`) and sends one
// pg-boss job per skill-day with a singleton key; the job handler skips a skill-day that already has
// its nightly run, so several nodes, restarts and repeated ticks within the hour run it once.
import { DateTime } from 'luxon';
import type { Queryable } from '../../../platform/db/db.js';
import type { WfmContext } from '../context.js';
import type { TenantSetup } from '../setup/tenant-setup.js';
import { runForecast } from './forecast-runs.js';

export const NIGHTLY_JOB = 'wfm.forecast.nightly';
/** Local hour the nightly run starts; any tick in that hour sends the job (it is idempotent). */
export const NIGHTLY_HOUR = 2;
const HORIZON_DAYS = 28;
const HISTORY_WEEKS = 8;

export interface NightlyJob {
  tenantId: string;
  skillId: string;
  /** The skill's local date the run is for (its first forecast day). */
  date: string;
}

/**
 * Skills of a tenant whose local clock is in the nightly hour at `now`. Pure.
 *
 * @example
 * dueNightly(setup, Date.parse('2026-03-02T01:30:00Z')); // skills in Europe/Paris: [{ …, date: '2026-03-02' }]
 */
export function dueNightly(setup: TenantSetup, now: number): NightlyJob[] {
  const due: NightlyJob[] = [];
  for (const skill of setup.skills.values()) {
    if (skill.archived) continue;
    const local = DateTime.fromMillis(now, { zone: skill.timeZone });
    if (local.hour === NIGHTLY_HOUR) due.push({ tenantId: setup.tenantId, skillId: skill.id, date: local.toISODate() ?? '' });
  }
  return due;
}

async function tenantsWithSkills(db: Queryable): Promise<string[]> {
  const r = await db.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM skill WHERE archived_at IS NULL');
  return r.rows.map((row) => row.tenant_id);
}

/**
 * Starts the nightly scheduler: registers the job handler and a one-minute timer. `tick` runs one
 * check now (tests drive it with a manual clock); `runJob` is the handler's work for one job.
 *
 * @example
 * const nightly = await startForecastNightly(ctx); await nightly.tick(); nightly.stop();
 */
export async function startForecastNightly(ctx: WfmContext, options: { everyMs?: number; onError?: (e: unknown) => void } = {}) {
  const { db, jobs, clock } = ctx.platform;
  const onError = options.onError ?? (() => {});

  async function runJob(job: NightlyJob): Promise<'ran' | 'skipped'> {
    const setup = await ctx.setup.get(job.tenantId);
    const skill = setup.skills.get(job.skillId);
    if (!skill || skill.archived) return 'skipped';
    const done = await db.query<{ id: string }>(
      `SELECT id FROM forecast_run WHERE tenant_id = $1 AND skill_id = $2 AND params->>'nightly' = $3 LIMIT 1`,
      [job.tenantId, job.skillId, job.date],
    );
    if (done.rows.length > 0) return 'skipped';
    await runForecast(db, job.tenantId, skill, setup.intervalMs, { method: 'AUTO', historyWeeks: HISTORY_WEEKS, horizonDays: HORIZON_DAYS, horizonFrom: job.date, tags: { nightly: job.date } }, clock.now());
    return 'ran';
  }

  async function tick(): Promise<NightlyJob[]> {
    const now = clock.now().getTime();
    const sent: NightlyJob[] = [];
    for (const tenantId of await tenantsWithSkills(db)) {
      for (const job of dueNightly(await ctx.setup.get(tenantId), now)) {
        await jobs.send(NIGHTLY_JOB, job, { singletonKey: `${job.tenantId}:${job.skillId}:${job.date}` });
        sent.push(job);
      }
    }
    return sent;
  }

  await jobs.work<NightlyJob>(NIGHTLY_JOB, async (batch) => {
    for (const job of batch) await runJob(job.data);
  }, { batchSize: 5 });
  const timer = setInterval(() => void tick().catch(onError), options.everyMs ?? 60_000);
  timer.unref();
  return {
    tick,
    runJob,
    stop: () => clearInterval(timer),
  };
}

export type ForecastNightly = Awaited<ReturnType<typeof startForecastNightly>>;
