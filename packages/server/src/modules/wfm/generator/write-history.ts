// Sends the generated past through the ingestion API (`/wfm/acd/v1`), exactly as an ACD catching
// up would: ingest accepts any past timestamp (only the future is bounded by the clock skew), so
// history needs no side door into ingest's tables and gets the same validation, dedup and events.
import type { QueueReportRowInput } from '@floorplan/contracts';
import type { GenerationPlan } from './plan.js';
import { planAgentDay, type PlannedState } from './plan-agent-history.js';
import { INTERVAL_MS, planQueueDay } from './plan-queue-history.js';
import { planDay } from './plan-schedules.js';
import { expectOk, GeneratorError, type WfmHttp } from './wfm-http.js';

export interface HistoryCounts {
  agentStates: number;
  queueReports: number;
  queueRows: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Every agent state of the history (code level: log-in, available, breaks, log-out) before
 * `plan.now`, in time order.
 *
 * @example
 * historyStates(plan).length; // ~ agents × working days × 12
 */
export function historyStates(plan: GenerationPlan): { loginId: string; state: PlannedState }[] {
  const { setup, options } = plan;
  const out: { loginId: string; state: PlannedState }[] = [];
  for (const employee of setup.employees) {
    for (const date of plan.historyDates) {
      for (const state of planAgentDay(options.seed, planDay(options.seed, employee, date, setup.timeZone), setup.codes)) {
        if (state.at < plan.now) out.push({ loginId: employee.loginId, state });
      }
    }
  }
  return out.sort((a, b) => a.state.at - b.state.at);
}

/**
 * Queue rows by window start, for windows closed by `plan.now`.
 *
 * @example
 * historyQueueWindows(plan).size; // ~ 96 × days
 */
export function historyQueueWindows(plan: GenerationPlan): Map<number, QueueReportRowInput[]> {
  const windows = new Map<number, QueueReportRowInput[]>();
  for (const date of plan.historyDates) {
    for (const skill of plan.setup.skills) {
      for (const r of planQueueDay(plan.options.seed, skill, date, plan.setup.timeZone, plan.specialDays)) {
        if (r.start + INTERVAL_MS > plan.now) continue;
        windows.set(r.start, [...(windows.get(r.start) ?? []), r.row]);
      }
    }
  }
  return windows;
}

/** Where closed queue windows go: `[windowStart, rows]` in time order. */
export type QueueHistorySink = (windows: readonly (readonly [number, QueueReportRowInput[]])[]) => Promise<void>;

/**
 * The ingestion API's way: one queue report per window (`POST /wfm/acd/v1/reports/queue`), paced
 * by the tenant's data rate limit.
 *
 * @example
 * await httpQueueSink(http)([[start, rows]]);
 */
export function httpQueueSink(http: WfmHttp): QueueHistorySink {
  return async (windows) => {
    for (const [start, queueReport] of windows) {
      await expectOk(http, 'POST', '/wfm/acd/v1/reports/queue', { startDate: iso(start), endDate: iso(start + INTERVAL_MS), reportData: { queueReport } });
    }
  };
}

/**
 * Sends the history: agent states in requests of `maxStatesPerRequest` (from `/details`), then the
 * closed queue windows to `queueSink` (default: the ingestion API). `progress` gets a line per phase.
 *
 * @example
 * await writeHistory(http, plan, (line) => console.error(line));
 */
export async function writeHistory(
  http: WfmHttp,
  plan: GenerationPlan,
  progress: (line: string) => void = () => {},
  queueSink: QueueHistorySink = httpQueueSink(http),
): Promise<HistoryCounts> {
  const details = (await expectOk(http, 'GET', '/wfm/acd/v1/details')) as { intervalMinutes?: number; limits?: { maxStatesPerRequest?: number } };
  if (details.intervalMinutes !== undefined && details.intervalMinutes !== 15) {
    throw new GeneratorError(`the tenant's interval is ${details.intervalMinutes} minutes; the generator writes 15-minute queue reports`);
  }
  const batch = Math.max(1, Math.min(details.limits?.maxStatesPerRequest ?? 1000, 5000));
  const states = historyStates(plan);
  progress(`history: ${states.length} agent states`);
  for (let i = 0; i < states.length; i += batch) {
    const agentStateList = states.slice(i, i + batch).map(({ loginId, state }) => ({
      loginId,
      eventCode: state.eventCode,
      reasonCode: state.reasonCode,
      eventUtcTime: iso(state.at),
    }));
    await expectOk(http, 'POST', '/wfm/acd/v1/agent-states', { agentStateList });
  }
  const windows = [...historyQueueWindows(plan)].sort((a, b) => a[0] - b[0]);
  progress(`history: ${windows.length} queue reports`);
  await queueSink(windows);
  const rows = windows.reduce((n, [, r]) => n + r.length, 0);
  return { agentStates: states.length, queueReports: windows.length, queueRows: rows };
}
