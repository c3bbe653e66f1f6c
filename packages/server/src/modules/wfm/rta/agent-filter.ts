import type { RtaAgent, RtaFilter } from '@floorplan/contracts';
import { canSeeSchedulingUnit, type AuthContext } from '../../../platform/http/auth-context.js';

/**
 * Whether a viewer may see an agent and asked for it: the SU scope of the caller (§1.1, §9 check
 * 13) always applies, then the optional SU, skill and state filter.
 * @example matchesFilter(auth, { state: 'SEVERE' }, agent)
 */
export function matchesFilter(auth: AuthContext, filter: RtaFilter, agent: Pick<RtaAgent, 'schedulingUnitId' | 'skillIds' | 'state'>): boolean {
  if (!canSeeSchedulingUnit(auth, agent.schedulingUnitId)) return false;
  if (filter.schedulingUnitId !== undefined && agent.schedulingUnitId !== filter.schedulingUnitId) return false;
  if (filter.skillId !== undefined && !agent.skillIds.includes(filter.skillId)) return false;
  return filter.state === undefined || agent.state === filter.state;
}

/**
 * A stream viewer's filter over deltas. An agent that leaves the asked state still gets the one
 * delta that shows it leaving (else the client would keep it forever); the SU scope has no such
 * exception, a viewer never sees an agent outside it.
 * @example const view = createStreamView(auth, { state: 'SEVERE' }); if (view.wants(agent)) send(agent);
 */
export function createStreamView(auth: AuthContext, filter: RtaFilter) {
  const shown = new Set<string>();
  return {
    wants(agent: RtaAgent): boolean {
      if (matchesFilter(auth, filter, agent)) {
        shown.add(agent.employeeId);
        return true;
      }
      if (!canSeeSchedulingUnit(auth, agent.schedulingUnitId)) {
        shown.delete(agent.employeeId);
        return false;
      }
      return shown.delete(agent.employeeId);
    },
  };
}
