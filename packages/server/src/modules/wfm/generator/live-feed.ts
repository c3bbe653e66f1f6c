// The live feed as a pure function of time: every event the feeder sends in `[from, to)`, derived
// from the same seeded day plans as the history, so a feed cut into any number of windows sends
// exactly the events of one long window, and a restart resumes where the clock stands.
import type { AgentActivityReportInput, AgentStateInput, QueueReportInput } from '@floorplan/contracts';
import { datesBetween, localDate, plusDays } from './local-time.js';
import { planAgentDay, type PlannedState } from './plan-agent-history.js';
import { INTERVAL_MS, planQueueDay, type SpecialDay } from './plan-queue-history.js';
import type { SetupPlan } from './plan-setup.js';
import { planDay } from './plan-schedules.js';

export interface FeedPlan {
  seed: number;
  setup: SetupPlan;
  specialDays: readonly SpecialDay[];
}

export type FeedEvent =
  | { at: number; kind: 'state'; state: AgentStateInput & { eventUtcTime: string } }
  | { at: number; kind: 'queueReport'; report: QueueReportInput }
  | { at: number; kind: 'activityReport'; report: AgentActivityReportInput };

/** Reports go out this long after their window closes (a real ACD needs a moment to aggregate). */
export const QUEUE_REPORT_DELAY_MS = 2_000;
export const ACTIVITY_REPORT_DELAY_MS = 4_000;

const iso = (ms: number) => new Date(ms).toISOString();
const kindOrder = { state: 0, queueReport: 1, activityReport: 2 } as const;

/**
 * The live events due in `[from, to)`, ordered by time (states first at equal times, then queue
 * reports, then activity reports): agent states with contact cycles, a queue report per closed
 * 15-minute window and an activity report of the activities that ended in it.
 *
 * @example
 * feedEvents(plan, Date.parse('2026-03-04T08:00:00Z'), Date.parse('2026-03-04T08:30:00Z'));
 */
export function feedEvents(plan: FeedPlan, from: number, to: number): FeedEvent[] {
  return createFeed(plan).events(from, to);
}

type QueueRow = ReturnType<typeof planQueueDay>[number]['row'];

/**
 * {@link feedEvents} with the day plans kept between calls (a feeder asks for consecutive short
 * windows; days more than two days before the last window are dropped).
 *
 * @example
 * const feed = createFeed(plan); feed.events(t0, t1); feed.events(t1, t2);
 */
export function createFeed(plan: FeedPlan): { events(from: number, to: number): FeedEvent[] } {
  const zone = plan.setup.timeZone;
  const agentDays = new Map<string, PlannedState[][]>();
  const queueDays = new Map<string, Map<number, QueueRow[]>>();
  const ahtOf = plan.setup.employees.map((e) => plan.setup.skills.find((s) => s.name === e.skills[0])?.ahtSeconds ?? 300);

  function statesOn(date: string): PlannedState[][] {
    let day = agentDays.get(date);
    if (!day) {
      day = plan.setup.employees.map((employee, i) =>
        planAgentDay(plan.seed, planDay(plan.seed, employee, date, zone), plan.setup.codes, { contacts: true, ahtSeconds: ahtOf[i] ?? 300 }),
      );
      agentDays.set(date, day);
    }
    return day;
  }

  function queueRowsAt(start: number): QueueRow[] {
    const date = localDate(start, zone);
    let day = queueDays.get(date);
    if (!day) {
      day = new Map();
      for (const skill of plan.setup.skills) {
        for (const r of planQueueDay(plan.seed, skill, date, zone, plan.specialDays)) day.set(r.start, [...(day.get(r.start) ?? []), r.row]);
      }
      queueDays.set(date, day);
    }
    return day.get(start) ?? [];
  }

  return {
    events(from, to) {
      const events: FeedEvent[] = [];
      // Shifts never span midnight, but a state may sit a few minutes either side of its day.
      const oldest = plusDays(localDate(from, zone), -1);
      for (const cache of [agentDays, queueDays]) for (const date of cache.keys()) if (date < plusDays(oldest, -1)) cache.delete(date);
      const dates = datesBetween(oldest, plusDays(localDate(to, zone), 1));
      plan.setup.employees.forEach((employee, i) => {
        for (const date of dates) {
          const day = statesOn(date)[i] ?? [];
          for (let k = firstAtOrAfter(day, from); k < day.length && day[k]!.at < to; k++) {
            const s = day[k]!;
            events.push({ at: s.at, kind: 'state', state: { loginId: employee.loginId, eventCode: s.eventCode, reasonCode: s.reasonCode, eventUtcTime: iso(s.at) } });
          }
        }
      });
      // Whole timelines only when an activity report is due (spans may cross a day's states).
      let timelines: { loginId: string; states: PlannedState[] }[] | undefined;
      const timelinesOf = () =>
        (timelines ??= plan.setup.employees.map((employee, i) => ({ loginId: employee.loginId, states: dates.flatMap((date) => statesOn(date)[i] ?? []) })));
      const firstEnd = Math.ceil((from - ACTIVITY_REPORT_DELAY_MS) / INTERVAL_MS) * INTERVAL_MS;
      for (let end = firstEnd; end + QUEUE_REPORT_DELAY_MS < to; end += INTERVAL_MS) {
        const start = end - INTERVAL_MS;
        const queueAt = end + QUEUE_REPORT_DELAY_MS;
        if (queueAt >= from && queueAt < to) {
          events.push({ at: queueAt, kind: 'queueReport', report: { startDate: iso(start), endDate: iso(end), reportData: { queueReport: queueRowsAt(start) } } });
        }
        const activityAt = end + ACTIVITY_REPORT_DELAY_MS;
        if (activityAt >= from && activityAt < to) {
          const reportData = timelinesOf()
            .map(({ loginId, states }) => ({ agentValue: loginId, agentActivity: activitiesEndingIn(states, start, end) }))
            .filter((a) => a.agentActivity.length > 0);
          events.push({ at: activityAt, kind: 'activityReport', report: { startDate: iso(start), endDate: iso(end), reportData } });
        }
      }
      return events.sort((a, b) => a.at - b.at || kindOrder[a.kind] - kindOrder[b.kind]);
    },
  };
}

/** Index of the first state at or after `t` (states are in time order). */
function firstAtOrAfter(states: readonly PlannedState[], t: number): number {
  let lo = 0;
  let hi = states.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (states[mid]!.at < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Activities (state spans up to the next state; LoggedOut has none) that end in `(start, end]`,
 * the window an activity report books them to.
 *
 * @example
 * activitiesEndingIn(states, Date.parse('2026-03-04T08:00:00Z'), Date.parse('2026-03-04T08:15:00Z'));
 */
export function activitiesEndingIn(states: readonly PlannedState[], start: number, end: number): { state: string; reason: string; startTime: string; duration: number }[] {
  const out: { state: string; reason: string; startTime: string; duration: number }[] = [];
  // A span ends where the next state starts: walk the states starting in (start, end].
  for (let j = Math.max(1, firstAtOrAfter(states, start + 1)); j < states.length && states[j]!.at <= end; j++) {
    const s = states[j - 1]!;
    if (s.eventCode !== 'LoggedOut') out.push({ state: s.eventCode, reason: s.reasonCode, startTime: iso(s.at), duration: states[j]!.at - s.at });
  }
  return out;
}
