import type { WfmContext } from '../context.js';
import type { TenantSetup } from '../setup/tenant-setup.js';
import { agentDaySetupOf, loadAgentDayInputs } from './agent-day-inputs.js';
import { computeAgentDay, type AgentDayResult } from './agent-day.js';
import { readStoredAgentDays, type StoredParts } from './stored-agent-days.js';
import { addDays, localDateOf } from './day-window.js';

/**
 * Agent-days for the reads (§3.7) **(Floorplan decision)**: days from yesterday on (SU-local; yesterday's
 * window may still be running) are computed on read up to `now`, never stored by a read; older days
 * come from the stored rows, and an older day without rows is computed on read and queued for
 * recompute so the next read finds it. Days that have not started yet give nothing. Ordered by the
 * caller's employee order, then date.
 * @example const days = await loadAgentDays(ctx, setup, [ann], '2026-03-01', '2026-03-02', { exceptions: true }, queue);
 */
export async function loadAgentDays(
  ctx: WfmContext,
  setup: TenantSetup,
  employeeIds: readonly string[],
  fromDate: string,
  toDate: string,
  parts: StoredParts,
  queueMissing: (employeeIds: string[], fromDate: string, toDate: string) => Promise<unknown>,
): Promise<AgentDayResult[]> {
  if (employeeIds.length === 0) return [];
  const now = ctx.platform.clock.now().getTime();
  const stored = await readStoredAgentDays(ctx.platform.db, setup.tenantId, employeeIds, fromDate, toDate, parts);
  const found = new Map<string, AgentDayResult>();
  const toCompute = new Set<string>();
  const missingPast = new Set<string>();
  let computeFrom: string | null = null;
  let computeTo: string | null = null;
  for (const id of employeeIds) {
    const employee = setup.employees.get(id);
    if (employee === undefined) continue;
    const zone = setup.schedulingUnits.get(employee.schedulingUnitId)?.timeZone ?? 'UTC';
    const recentFrom = addDays(localDateOf(now, zone), -1);
    for (let date = fromDate; date <= toDate; date = addDays(date, 1)) {
      const key = `${id}|${date}`;
      const hit = stored.get(key);
      if (date < recentFrom && hit !== undefined) {
        found.set(key, hit.result);
        continue;
      }
      if (date < recentFrom) missingPast.add(id);
      toCompute.add(key);
      if (computeFrom === null || date < computeFrom) computeFrom = date;
      if (computeTo === null || date > computeTo) computeTo = date;
    }
  }
  if (computeFrom !== null && computeTo !== null) {
    const ids = [...new Set([...toCompute].map((k) => k.slice(0, k.indexOf('|'))))];
    const daySetup = agentDaySetupOf(setup);
    for (const input of await loadAgentDayInputs(ctx.platform.db, setup, ids, computeFrom, computeTo, now)) {
      const key = `${input.employeeId}|${input.date}`;
      if (!toCompute.has(key) || input.window.start >= now) continue;
      found.set(key, computeAgentDay(daySetup, input));
    }
    if (missingPast.size > 0) await queueMissing([...missingPast], fromDate, computeTo);
  }
  const out: AgentDayResult[] = [];
  for (const id of employeeIds) {
    for (let date = fromDate; date <= toDate; date = addDays(date, 1)) {
      const r = found.get(`${id}|${date}`);
      if (r !== undefined) out.push(r);
    }
  }
  return out;
}
