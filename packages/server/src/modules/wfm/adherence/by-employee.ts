import type { TimelineActivity, TimelineState } from '../../wfm-ingest/timeline-reads.js';
import type { LoginIndex } from '../setup/tenant-setup.js';
import type { ReportActivity } from './actual-timeline.js';

/**
 * Stored states grouped by the employee their login resolves to for their ACD (§1.2), each list in
 * timeline order: by event time, equal times in acceptance order (the later accepted is in force).
 * States of no employee, or of one outside `wanted`, are dropped.
 * @example statesByEmployee(await readTimelineStates(db, tenantId, logins, from, to), createLoginIndex(setup.employees));
 */
export function statesByEmployee(states: readonly TimelineState[], index: LoginIndex, wanted?: ReadonlySet<string>): Map<string, TimelineState[]> {
  const out = new Map<string, TimelineState[]>();
  for (const s of states) {
    const id = index.resolve(s.loginId, s.source);
    if (id === undefined || (wanted !== undefined && !wanted.has(id))) continue;
    const list = out.get(id);
    if (list) list.push(s);
    else out.set(id, [s]);
  }
  for (const list of out.values()) list.sort((a, b) => a.time - b.time || a.arrival - b.arrival);
  return out;
}

/**
 * Report activities grouped by employee: the row's agent value, user name or agent id, in that
 * order, resolved for the report's ACD (§1.2). Order within each list is the read's (by start).
 * @example reportsByEmployee(await readTimelineActivities(db, tenantId, logins, from, to), createLoginIndex(setup.employees));
 */
export function reportsByEmployee(activities: readonly TimelineActivity[], index: LoginIndex, wanted?: ReadonlySet<string>): Map<string, ReportActivity[]> {
  const out = new Map<string, ReportActivity[]>();
  for (const a of activities) {
    const id = index.resolve(a.agentValue, a.acdType) ?? index.resolve(a.userName, a.acdType) ?? index.resolve(a.agentId, a.acdType);
    if (id === undefined || (wanted !== undefined && !wanted.has(id))) continue;
    const activity: ReportActivity = { start: a.start, durationMs: a.durationMs, source: a.acdType, eventCode: a.state, reasonCode: a.reason };
    const list = out.get(id);
    if (list) list.push(activity);
    else out.set(id, [activity]);
  }
  return out;
}
