// Patience for Erlang A (engine spec §6.3). Abandonment is modelled as exponential with rate θ, so the
// maximum-likelihood estimate from censored waits is abandons over total time spent waiting. Without
// per-contact waits (the external ACDs send interval totals) the waiting time is approximated: the
// handled contacts' queue delay, plus each long abandon waiting as long as the interval's ASA.
import type { SkillSetup } from '../setup/tenant-setup.js';
import { estimatePatience } from './erlang-a.js';

/** Weeks of queue history the estimate reads (the forecasting default, §5.2). */
export const PATIENCE_WEEKS = 8;

/** Sums over the history window: the §6.3 numerator and denominator. */
export interface AbandonTotals {
  abandonedLong: number;
  /** Σ over queue rows of `approximateWaitingSeconds` (queueDelayTime + abandonedLong · the row's ASA). */
  waitingSeconds: number;
}

/** The patience a skill is sized with, and where it came from (in intraday and requirements answers). */
export interface PatienceUsed {
  /** `SET`: the skill's `patienceSeconds`; `ESTIMATED`: θ̂ from its history. */
  source: 'SET' | 'ESTIMATED';
  seconds: number;
  /** Waits approximated from interval totals rather than measured per contact (`patienceApprox`). */
  approx: boolean;
  /** Long abandons the estimate rests on; null for a set patience. */
  abandons: number | null;
}

/**
 * The patience an Erlang A skill is sized with: its own `patienceSeconds` when set (it overrides),
 * else `estimatePatience` over the totals; null for an Erlang C skill, or an Erlang A one without
 * enough abandons (under 30, or θ̂ < 1e−9).
 *
 * @example
 * patienceOf(skill, () => readAbandonTotals(db, tenantId, selection, range));
 */
export async function patienceOf(skill: SkillSetup, totals: () => Promise<AbandonTotals>): Promise<PatienceUsed | null> {
  if (skill.staffing.model !== 'ERLANG_A') return null;
  const set = skill.staffing.patienceSeconds;
  if (set !== undefined) return { source: 'SET', seconds: set, approx: false, abandons: null };
  const totalsRead = await totals();
  const estimate = estimatePatience(totalsRead);
  return estimate === null ? null : { source: 'ESTIMATED', seconds: estimate.patienceSeconds, approx: true, abandons: totalsRead.abandonedLong };
}

/**
 * The skill as the calculator sizes it: an estimated patience filled in (so Erlang A applies), or
 * none (so it falls back to Erlang C).
 *
 * @example staffSkill(withPatience(skill, patience), query);
 */
export function withPatience(skill: SkillSetup, patience: PatienceUsed | null): SkillSetup {
  if (skill.staffing.model !== 'ERLANG_A') return skill;
  const { patienceSeconds: _set, ...staffing } = skill.staffing;
  return { ...skill, staffing: patience === null ? staffing : { ...staffing, patienceSeconds: patience.seconds } };
}

/**
 * The `staffingModel` and `patience` fields of an answer sized under `patience`.
 *
 * @example staffingBasis(skill, null); // { staffingModel: 'ERLANG_C', patience: null }
 */
export function staffingBasis(skill: SkillSetup, patience: PatienceUsed | null): { staffingModel: 'ERLANG_C' | 'ERLANG_A'; patience: PatienceUsed | null } {
  return skill.staffing.model === 'ERLANG_A' && patience !== null ? { staffingModel: 'ERLANG_A', patience } : { staffingModel: 'ERLANG_C', patience: null };
}
