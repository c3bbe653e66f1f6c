/**
 * Domain types for adherence (spec §1.5–1.8). Internal, never on the wire, so plain TS types
 * rather than zod schemas. Instants are UTC epoch milliseconds.
 */

/**
 * Built-in code ids. They exist in every tenant only as targets of ACD login/logout events, under
 * the same fixed ids (migration 0004 creates them with each tenant).
 */
export const LOGIN_CODE_ID = '00000000-0000-4000-8000-000000000001';
export const LOGOFF_CODE_ID = '00000000-0000-4000-8000-000000000002';
/** The actual "code" of an event that no mapping covers (§1.6, §3.1). */
export const UNMAPPED = 'UNMAPPED';

/**
 * An activity code (§1.5), reduced to what adherence reads.
 * @example const open: ActivityCode = { id: 'open', name: 'Open', open: true, displayAs: 'OPEN' };
 */
export interface ActivityCode {
  readonly id: string;
  readonly name: string;
  /** Available for or handling contacts: drives OUT_OPEN and conformance. */
  readonly open: boolean;
  /** Category (`OPEN`, `BREAK`, `LUNCH`, …); category rules match on it. */
  readonly displayAs: string;
}

/** @example BUILT_IN_CODES[0].name === 'Login' */
export const BUILT_IN_CODES: readonly ActivityCode[] = [
  { id: LOGIN_CODE_ID, name: 'Login', open: true, displayAs: 'OPEN' },
  { id: LOGOFF_CODE_ID, name: 'Logoff', open: false, displayAs: 'OFFLINE' },
];

/** Lookup by code id; always holds the built-ins. */
export type ActivityCatalog = ReadonlyMap<string, ActivityCode>;

/**
 * Builds a catalog from the tenant's codes plus the built-ins (a tenant copy of a built-in id wins).
 * @example createActivityCatalog([{ id: 'open', name: 'Open', open: true, displayAs: 'OPEN' }]).get(LOGOFF_CODE_ID)?.open === false
 */
export function createActivityCatalog(codes: readonly ActivityCode[]): ActivityCatalog {
  return new Map([...BUILT_IN_CODES, ...codes].map((c) => [c.id, c] as const));
}

/**
 * Resolves a code id, failing loudly: a schedule or mapping naming an unknown code is corrupt
 * input, and silently treating it as "not open" would produce plausible but wrong numbers.
 * @example getActivityCode(createActivityCatalog([]), LOGIN_CODE_ID).open === true
 */
export function getActivityCode(catalog: ActivityCatalog, id: string): ActivityCode {
  const code = catalog.get(id);
  if (code === undefined) throw new Error(`Unknown activity code id: ${id}`);
  return code;
}

/** An ACD event mapping (§1.6); `reasonCode` `"*"` means any reason, `source` absent or `"*"` any source. */
export interface EventMapping {
  readonly source?: string;
  readonly eventCode: string;
  readonly reasonCode: string;
  readonly activityCodeId: string;
}

/** The identifying part of an ACD event. `reasonCode` `""` means no reason. */
export interface AcdEventKey {
  readonly source?: string;
  readonly eventCode: string;
  readonly reasonCode: string;
}

const ANY = '*';

/**
 * Maps an event to an activity code id (§1.6): `(source, event, reason)`, `(source, event, *)`,
 * `(*, event, reason)`, `(*, event, *)`, else {@link UNMAPPED}. Exact, case-sensitive comparison.
 * @example mapEvent([{ eventCode: 'AUX', reasonCode: '*', activityCodeId: 'break' }], { eventCode: 'AUX', reasonCode: '3' }) === 'break'
 */
export function mapEvent(mappings: readonly EventMapping[], event: AcdEventKey): string {
  // Called once per agent state: plain loops, no closures or candidate arrays per call.
  if (event.source !== undefined) {
    // an event without a source only matches any-source mappings
    const hit = findMapping(mappings, event.source, event.eventCode, event.reasonCode) ?? findMapping(mappings, event.source, event.eventCode, ANY);
    if (hit !== undefined) return hit;
  }
  return findMapping(mappings, ANY, event.eventCode, event.reasonCode) ?? findMapping(mappings, ANY, event.eventCode, ANY) ?? UNMAPPED;
}

/** The code of the first mapping with exactly this (source, event, reason) key. */
function findMapping(mappings: readonly EventMapping[], source: string, eventCode: string, reasonCode: string): string | undefined {
  for (const m of mappings) {
    if ((m.source ?? ANY) === source && m.eventCode === eventCode && m.reasonCode === reasonCode) return m.activityCodeId;
  }
  return undefined;
}

export type AdherenceValue = 'IN' | 'OUT' | 'NEUTRAL';

/** One side of a rule key (§1.7): a specific code or a category. */
export type RuleSide = { readonly activityCodeId: string } | { readonly category: string };

/**
 * An adherence rule (§1.7). Thresholds, when absent, fall back to the SU's.
 * @example const r: AdherenceRule = { scheduled: { activityCodeId: 'training' }, actual: { activityCodeId: 'meeting' }, adherence: 'NEUTRAL' };
 */
export interface AdherenceRule {
  readonly scheduled: RuleSide;
  readonly actual: RuleSide;
  readonly adherence: AdherenceValue;
  readonly alarmThresholdSeconds?: number;
  readonly exceptionThresholdSeconds?: number;
}

/** Scheduling-unit thresholds (§1.7). Alarm 0 = off. */
export interface SuThresholds {
  readonly alarmThresholdSeconds: number;
  readonly exceptionThresholdSeconds: number;
}

/** @example DEFAULT_SU_THRESHOLDS.alarmThresholdSeconds === 300 */
export const DEFAULT_SU_THRESHOLDS: SuThresholds = { alarmThresholdSeconds: 300, exceptionThresholdSeconds: 0 };

/** A flattened schedule segment (§1.8): non-overlapping, `start < end`. */
export interface ScheduleSegment {
  readonly start: number;
  readonly end: number;
  readonly activityCodeId: string;
}

/** A neutral period (§1.7) already resolved to the agent. */
export interface NeutralPeriod {
  readonly start: number;
  readonly end: number;
}

/** Half-open span `[start, end)`. */
export interface TimeSpan {
  readonly start: number;
  readonly end: number;
}
