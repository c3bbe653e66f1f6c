import {
  LOGIN_CODE_ID,
  LOGOFF_CODE_ID,
  type ActivityCode,
  type AdherenceRule,
  type AdherenceValue,
  type RuleSide,
} from './model.js';

/** Which step-6 source decided a pair. */
export type PairSource = 'PAIR_RULE' | 'CATEGORY_RULE' | 'BUILT_IN_RULE' | 'DEFAULT_RULE';

export interface PairAdherence {
  readonly adherence: AdherenceValue;
  readonly source: PairSource;
  /** The configured rule that decided, if any: its thresholds override the SU's. */
  readonly rule?: AdherenceRule;
}

const sideMatches = (side: RuleSide, code: ActivityCode, byCode: boolean): boolean =>
  byCode ? 'activityCodeId' in side && side.activityCodeId === code.id : 'category' in side && side.category === code.displayAs;

/**
 * Finds the configured rule for `(S, X)`. Precedence: code/code, then the mixed keys
 * (code/category, category/code — the spec allows them but does not rank them; the more specific
 * scheduled side wins), then category/category.
 */
function findRule(
  rules: readonly AdherenceRule[],
  scheduled: ActivityCode,
  actual: ActivityCode,
): { rule: AdherenceRule; source: PairSource } | undefined {
  const order: ReadonlyArray<readonly [boolean, boolean]> = [
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ];
  for (const [sByCode, xByCode] of order) {
    const rule = rules.find((r) => sideMatches(r.scheduled, scheduled, sByCode) && sideMatches(r.actual, actual, xByCode));
    if (rule !== undefined) return { rule, source: sByCode && xByCode ? 'PAIR_RULE' : 'CATEGORY_RULE' };
  }
  return undefined;
}

/**
 * §2.2 step 6: adherence of a (scheduled `S`, actual `X`) pair. Reused by history (§3.3).
 * Rules first, then the Login/Logoff built-ins (ranked below rules so tenants can override them),
 * then the default (`IN` if `X = S` or both open).
 * @example pairAdherence(open, logoff, []).adherence === 'OUT'
 */
export function pairAdherence(scheduled: ActivityCode, actual: ActivityCode, rules: readonly AdherenceRule[]): PairAdherence {
  const found = findRule(rules, scheduled, actual);
  if (found !== undefined) return { adherence: found.rule.adherence, source: found.source, rule: found.rule };
  if (actual.id === LOGIN_CODE_ID) return { adherence: scheduled.open ? 'IN' : 'OUT', source: 'BUILT_IN_RULE' };
  if (actual.id === LOGOFF_CODE_ID) return { adherence: 'OUT', source: 'BUILT_IN_RULE' };
  const inAdherence = actual.id === scheduled.id || (actual.open && scheduled.open);
  return { adherence: inAdherence ? 'IN' : 'OUT', source: 'DEFAULT_RULE' };
}

/** The RTA states step 7 can produce. */
export type PairRtaState = 'IN' | 'NEUTRAL' | 'OUT' | 'OUT_OPEN';

/**
 * §2.2 step 7: `OUT` becomes `OUT_OPEN` when the scheduled code is open.
 * @example pairRtaState('OUT', open) === 'OUT_OPEN'
 */
export function pairRtaState(adherence: AdherenceValue, scheduled: ActivityCode): PairRtaState {
  if (adherence !== 'OUT') return adherence;
  return scheduled.open ? 'OUT_OPEN' : 'OUT';
}
