import type { StaffingResponse } from '@floorplan/contracts';
import type { SkillSetup } from '../setup/tenant-setup.js';
import { calculateStaffing } from './staffing.js';

export interface SkillStaffingQuery {
  contacts: number;
  intervalSeconds: number;
  ahtSeconds: number | null;
  /** Answer for this staff instead of searching the required one (reverse Erlang). */
  agents?: number;
  /** Scale by the skill's shrinkage (planning); intraday compares with scheduled open time, so it does not. */
  withShrinkage: boolean;
}

/**
 * The staffing calculator (§6) under a skill's service-level goal and staffing settings. Null where
 * it does not apply (no goal, as for outbound skills; contacts without a usable AHT) or the inputs
 * leave the calculator's range. No contacts need no agents.
 * @example staffSkill(skill, { contacts: 100, intervalSeconds: 900, ahtSeconds: 180, withShrinkage: true })?.scheduledAgents
 */
export function staffSkill(skill: SkillSetup, q: SkillStaffingQuery): StaffingResponse | null {
  const goal = skill.serviceLevelGoal;
  if (goal === null) return null;
  if (q.contacts <= 0) return { trafficErlangs: 0, requiredAgents: 0, scheduledAgents: 0, serviceLevel: 1, asaSeconds: 0, pWait: 0, occupancy: null };
  if (q.ahtSeconds === null || !(q.ahtSeconds > 0)) return null;
  const s = skill.staffing;
  // Erlang A needs a patience, set or filled in by withPatience; without one it falls back to Erlang C (§6.3).
  const erlangA = s.model === 'ERLANG_A' && s.patienceSeconds !== undefined;
  try {
    return calculateStaffing({
      model: erlangA ? 'ERLANG_A' : 'ERLANG_C',
      contacts: q.contacts,
      intervalSeconds: q.intervalSeconds as 300 | 900 | 1800 | 3600,
      ahtSeconds: q.ahtSeconds,
      slPercent: goal.percent,
      slSeconds: goal.seconds,
      maxOccupancy: s.maxOccupancy,
      concurrency: s.concurrency,
      ...(q.withShrinkage ? { shrinkage: s.shrinkage } : {}),
      ...(erlangA ? { patienceSeconds: s.patienceSeconds } : {}),
      ...(s.fractional === 'NONE' || (erlangA && s.fractional === 'GAMMA') ? {} : { fractional: s.fractional }),
      ...(q.agents !== undefined ? { agents: q.agents } : {}),
    });
  } catch {
    return null;
  }
}
