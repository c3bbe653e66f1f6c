import type { Subscription } from '../../../platform/bus/bus.js';
import type { Job } from '../../../platform/jobs/jobs.js';
import { ingestEvents, type AgentStateEvent, type ReportStoredEvent } from '../../wfm-ingest/events.js';
import { readLoginsFirstSeen, readReportWindowAgents } from '../../wfm-ingest/timeline-reads.js';
import type { WfmContext } from '../context.js';
import { wfmEvents, type ScheduleChangedEvent, type SetupChangedEvent } from '../events.js';
import { loadPublishedSchedules } from '../schedules/published-schedule.js';
import { createLoginIndex, loadTenantSetup, type TenantSetup } from '../setup/tenant-setup.js';
import { addDays, agentDayWindow, datesBetween, localDateOf } from './day-window.js';
import { recomputeAgentDays } from './recompute.js';

export const RECOMPUTE_QUEUE = 'wfm.adherence.recompute';

/** One recompute job: employees × SU-local dates, inclusive. */
export interface RecomputeJob {
  tenantId: string;
  employeeIds: string[];
  fromDate: string;
  toDate: string;
}

/** Per-SU batch size of tenant-wide recomputes (§3.6). */
export const RECOMPUTE_BATCH = 500;
/** Recompute-on-change looks back this far for stored days (the raw payload retention). */
export const RECOMPUTE_LOOKBACK_DAYS = 35;
// Up to this many agent-days a request becomes one job per agent-day (singleton `tenant:employee:date`).
const SINGLE_JOBS_MAX = 100;

const SETUP_KINDS: ReadonlySet<SetupChangedEvent['kind']> = new Set(['employee', 'activityCode', 'eventMapping', 'adherenceRule', 'schedulingUnit', 'neutralPeriod']);

/**
 * The recompute queue and its triggers (§3.6): bus subscriptions turn late states, stored activity
 * reports, schedule and setup changes into pg-boss jobs `wfm.adherence.recompute` (singleton key
 * `tenant:employee:date`, started after `WFM_RECOMPUTE_DELAY_S` so bursts collapse); a batch worker
 * groups jobs by tenant and date range and recomputes set-wise.
 * @example const jobs = await startRecomputeJobs(ctx); await jobs.enqueue(tenantId, [ann], '2026-03-02', '2026-03-02');
 */
export async function startRecomputeJobs(ctx: WfmContext) {
  const { jobs, bus, db, clock } = ctx.platform;
  const log = (error: unknown): void => console.error('[wfm.adherence.recompute]', error);
  let inFlight = 0;

  /** Queues `employeeIds` × `[fromDate, toDate]`; answers the number of jobs added (duplicates still queued are dropped). */
  async function enqueue(tenantId: string, employeeIds: readonly string[], fromDate: string, toDate: string, setup?: TenantSetup): Promise<number> {
    const ids = [...new Set(employeeIds)];
    if (ids.length === 0 || fromDate > toDate) return 0;
    const dates = datesBetween(fromDate, toDate);
    const options = { startAfterSeconds: ctx.config.WFM_RECOMPUTE_DELAY_S };
    const sends: Promise<string | null>[] = [];
    if (ids.length * dates.length <= SINGLE_JOBS_MAX) {
      for (const employeeId of ids) {
        for (const date of dates) {
          const data: RecomputeJob = { tenantId, employeeIds: [employeeId], fromDate: date, toDate: date };
          sends.push(jobs.send(RECOMPUTE_QUEUE, data, { ...options, singletonKey: `${tenantId}:${employeeId}:${date}` }));
        }
      }
    } else {
      const s = setup ?? (await ctx.setup.get(tenantId));
      const bySu = new Map<string, string[]>();
      for (const id of ids) {
        const su = s.employees.get(id)?.schedulingUnitId;
        if (su === undefined) continue;
        bySu.set(su, [...(bySu.get(su) ?? []), id]);
      }
      for (const [su, members] of bySu) {
        for (let i = 0; i < members.length; i += RECOMPUTE_BATCH) {
          const batch = members.slice(i, i + RECOMPUTE_BATCH).sort();
          const data: RecomputeJob = { tenantId, employeeIds: batch, fromDate, toDate };
          const key = `${tenantId}:su:${su}:${batch[0]}:${batch.length}:${fromDate}:${toDate}`;
          sends.push(jobs.send(RECOMPUTE_QUEUE, data, { ...options, singletonKey: key }));
        }
      }
    }
    return (await Promise.all(sends)).filter((id) => id !== null).length;
  }

  async function handle(batch: Job<RecomputeJob>[]): Promise<void> {
    inFlight++;
    try {
      // Same tenant and date range → one set-wise run over the union of their employees.
      const groups = new Map<string, RecomputeJob>();
      for (const { data } of batch) {
        const key = `${data.tenantId}|${data.fromDate}|${data.toDate}`;
        const g = groups.get(key);
        if (g) g.employeeIds.push(...data.employeeIds);
        else groups.set(key, { ...data, employeeIds: [...data.employeeIds] });
      }
      for (const g of groups.values()) await recomputeAgentDays(ctx, g.tenantId, g.employeeIds, g.fromDate, g.toDate);
    } finally {
      inFlight--;
    }
  }

  await jobs.work<RecomputeJob>(RECOMPUTE_QUEUE, handle, { batchSize: 50 });

  const today = (): string => localDateOf(clock.now().getTime(), 'UTC');

  async function onLateState(event: AgentStateEvent): Promise<void> {
    const setup = await ctx.setup.get(event.tenantId);
    // Resolved like the engine resolves the state: a login qualified by the state's ACD wins over
    // the unqualified one, and another ACD's holder of the same login value is not concerned (§1.2).
    const id = createLoginIndex(setup.employees).resolve(event.loginId, event.acdId);
    const employee = id === undefined ? undefined : setup.employees.get(id);
    if (employee === undefined) return;
    const zone = setup.schedulingUnits.get(employee.schedulingUnitId)?.timeZone ?? 'UTC';
    const at = Date.parse(event.eventUtcTime);
    const date = localDateOf(at, zone);
    const previous = addDays(date, -1);
    const schedule = await loadPublishedSchedules(db, setup, {
      employeeIds: [employee.id],
      fromMs: Date.parse(`${addDays(previous, -2)}T00:00:00Z`),
      toMs: Date.parse(`${addDays(date, 2)}T00:00:00Z`),
      fromDate: previous,
      toDate: previous,
    });
    const inPrevious = at < agentDayWindow(previous, zone, schedule.get(employee.id)?.segments ?? []).end;
    await enqueue(event.tenantId, [employee.id], inPrevious ? previous : date, date, setup);
  }

  async function onReportStored(event: ReportStoredEvent): Promise<void> {
    if (event.kind !== 'activity') return;
    const setup = await ctx.setup.get(event.tenantId);
    const index = createLoginIndex(setup.employees);
    for (const a of await readReportWindowAgents(db, event.tenantId, event.windowStart)) {
      const id = index.resolve(a.agentValue, a.acdType) ?? index.resolve(a.userName, a.acdType) ?? index.resolve(a.agentId, a.acdType);
      const employee = id === undefined ? undefined : setup.employees.get(id);
      if (employee === undefined) continue;
      const zone = setup.schedulingUnits.get(employee.schedulingUnitId)?.timeZone ?? 'UTC';
      // The day before too: an activity early on a date may sit in the previous day's extended window.
      await enqueue(event.tenantId, [employee.id], addDays(localDateOf(a.fromMs, zone), -1), localDateOf(a.toMs, zone), setup);
    }
  }

  async function onScheduleChanged(event: ScheduleChangedEvent): Promise<void> {
    // A shift starting on `to` may move the next day's window start.
    await enqueue(event.tenantId, event.employeeIds, event.from, addDays(event.to, 1));
  }

  async function onSetupChanged(event: SetupChangedEvent): Promise<void> {
    if (!SETUP_KINDS.has(event.kind)) return;
    ctx.setup.invalidate(event.tenantId);
    const setup = await loadTenantSetup(db, event.tenantId);
    const all = [...setup.employees.keys()];
    let employeeIds: string[];
    if (event.kind === 'employee' && event.ids.length > 0) employeeIds = event.ids.filter((id) => setup.employees.has(id));
    else if (event.kind === 'schedulingUnit' && event.ids.length > 0) employeeIds = all.filter((id) => event.ids.includes(setup.employees.get(id)?.schedulingUnitId ?? ''));
    else employeeIds = all;
    if (employeeIds.length === 0) return;
    const to = addDays(today(), 1);
    const stored = await db.query<{ first: string | null }>(
      `SELECT to_char(min(date), 'YYYY-MM-DD') AS first FROM adh_agent_day WHERE tenant_id = $1 AND date >= $2::date AND employee_id = ANY($3::uuid[])`,
      [event.tenantId, addDays(today(), -RECOMPUTE_LOOKBACK_DAYS), employeeIds],
    );
    let from = stored.rows[0]?.first ?? null;
    if (event.kind === 'employee') {
      // A login added to an employee recomputes back to its first sighting while unmapped (§1.2).
      const logins = employeeIds.flatMap((id) => setup.employees.get(id)?.logins.map((l) => l.loginId) ?? []);
      const firstSeen = await readLoginsFirstSeen(db, event.tenantId, logins);
      if (firstSeen !== null) {
        const seenDate = addDays(localDateOf(firstSeen, 'UTC'), -1);
        from = from === null || seenDate < from ? seenDate : from;
      }
    }
    if (from === null) return;
    await enqueue(event.tenantId, employeeIds, from, to, setup);
  }

  const on = <T>(event: string, fn: (data: T) => Promise<void>): Promise<Subscription> =>
    bus.subscribe(`floorplan.*.${event}`, async (m) => {
      try {
        await fn(m.data as T);
      } catch (error) {
        log(error);
      }
    });
  const subscriptions = await Promise.all([
    on<AgentStateEvent>(ingestEvents.agentStateLate, onLateState),
    on<ReportStoredEvent>(ingestEvents.reportStored, onReportStored),
    on<ScheduleChangedEvent>(wfmEvents.scheduleChanged, onScheduleChanged),
    on<SetupChangedEvent>(wfmEvents.setupChanged, onSetupChanged),
  ]);

  return {
    enqueue,
    /** Whether a batch is being recomputed right now (tests wait for the queue through the stored rows). */
    busy: (): boolean => inFlight > 0,
    async close(): Promise<void> {
      await Promise.all(subscriptions.map((s) => s.unsubscribe()));
    },
  };
}

export type RecomputeJobs = Awaited<ReturnType<typeof startRecomputeJobs>>;
