import type { Queryable } from '../../../platform/db/db.js';
import type { AdherenceSource } from '../adherence/actual-timeline.js';
import {
  createActivityCatalog,
  type ActivityCatalog,
  type ActivityCode,
  type AdherenceRule,
  type EventMapping,
  type RuleSide,
  type SuThresholds,
} from '../adherence/model.js';

/** An activity code with the setup fields the pure adherence model does not need. */
export interface ActivityCodeSetup extends ActivityCode {
  readonly priority: number;
  readonly paid: boolean;
  readonly payrollCode: string;
  readonly color: string;
  readonly schedulable: boolean;
  readonly builtin: 'LOGIN' | 'LOGOFF' | null;
  readonly archived: boolean;
}

export interface SchedulingUnitSetup {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly firstDayOfWeek: number;
  readonly thresholds: SuThresholds;
  readonly isDefault: boolean;
  readonly archived: boolean;
}

export interface AcdLogin {
  readonly loginId: string;
  /** Absent = any ACD. */
  readonly source?: string;
}

export interface EmployeeSetup {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly schedulingUnitId: string;
  readonly canBeScheduled: boolean;
  readonly active: boolean;
  readonly archived: boolean;
  readonly logins: readonly AcdLogin[];
  readonly skillIds: readonly string[];
}

export interface SkillStaffingSetup {
  readonly model: 'ERLANG_C' | 'ERLANG_A';
  readonly maxOccupancy: number;
  readonly shrinkage: number;
  readonly concurrency: number;
  readonly patienceSeconds?: number;
  readonly fractional: 'NONE' | 'GAMMA' | 'LINEAR';
}

export interface SkillSetup {
  readonly id: string;
  readonly name: string;
  readonly channel: string;
  readonly category: 'REAL_TIME' | 'DEFERRABLE';
  readonly serviceLevelGoal: { readonly percent: number; readonly seconds: number } | null;
  readonly shortAbandonThresholdSeconds: number;
  readonly paradigm: 'WCE' | 'TTI';
  readonly timeZone: string;
  readonly staffing: SkillStaffingSetup;
  readonly queues: readonly { readonly queueValue: string; readonly source?: string }[];
  readonly archived: boolean;
}

/**
 * Everything the engine reads from the setup of one tenant, in the pure model's types. Loaded as a
 * whole (a few set-wise queries) because RTA, recompute and intraday each need most of it.
 */
export interface TenantSetup {
  readonly tenantId: string;
  readonly intervalMs: number;
  readonly adherenceSource: AdherenceSource;
  readonly reforecastPhi: number;
  readonly codes: ActivityCatalog;
  readonly codeSetups: ReadonlyMap<string, ActivityCodeSetup>;
  readonly mappings: readonly EventMapping[];
  readonly rules: readonly AdherenceRule[];
  readonly schedulingUnits: ReadonlyMap<string, SchedulingUnitSetup>;
  readonly employees: ReadonlyMap<string, EmployeeSetup>;
  readonly skills: ReadonlyMap<string, SkillSetup>;
}

const ANY = '*';
const optionalSource = (source: string): { source?: string } => (source === ANY ? {} : { source });
const side = (kind: string, value: string): RuleSide => (kind === 'CODE' ? { activityCodeId: value } : { category: value });

/**
 * Reads a tenant's whole setup. Archived entities are included (history refers to them) and flagged.
 * @example const setup = await loadTenantSetup(db, tenantId); setup.codes.get(LOGIN_CODE_ID)?.open === true
 */
export async function loadTenantSetup(db: Queryable, tenantId: string): Promise<TenantSetup> {
  const [settings, interval, codes, sus, employees, logins, empSkills, skills, queues, mappings, rules] = await Promise.all([
    db.query<{ adherence_source: AdherenceSource; reforecast_phi: number }>('SELECT adherence_source, reforecast_phi FROM wfm_settings WHERE tenant_id = $1', [tenantId]),
    db.query<{ interval_minutes: number }>('SELECT interval_minutes FROM acd_settings WHERE tenant_id = $1', [tenantId]),
    db.query<CodeRow>('SELECT * FROM activity_code WHERE tenant_id = $1', [tenantId]),
    db.query<SuRow>('SELECT * FROM scheduling_unit WHERE tenant_id = $1', [tenantId]),
    db.query<EmployeeRow>('SELECT * FROM employee WHERE tenant_id = $1 ORDER BY name, id', [tenantId]),
    db.query<{ employee_id: string; source: string; login_id: string }>('SELECT employee_id, source, login_id FROM employee_acd_login WHERE tenant_id = $1 ORDER BY login_id', [tenantId]),
    db.query<{ employee_id: string; skill_id: string }>('SELECT employee_id, skill_id FROM employee_skill WHERE tenant_id = $1', [tenantId]),
    db.query<SkillRow>('SELECT * FROM skill WHERE tenant_id = $1 ORDER BY name', [tenantId]),
    db.query<{ skill_id: string; source: string; queue_value: string }>('SELECT skill_id, source, queue_value FROM skill_queue WHERE tenant_id = $1 ORDER BY queue_value', [tenantId]),
    db.query<{ source: string; event_code: string; reason_code: string; activity_code_id: string }>('SELECT source, event_code, reason_code, activity_code_id FROM event_mapping WHERE tenant_id = $1', [tenantId]),
    db.query<RuleRow>('SELECT * FROM adherence_rule WHERE tenant_id = $1', [tenantId]),
  ]);

  const codeSetups = new Map<string, ActivityCodeSetup>(
    codes.rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        open: r.open,
        displayAs: r.display_as,
        priority: r.priority,
        paid: r.paid,
        payrollCode: r.payroll_code,
        color: r.color,
        schedulable: r.schedulable,
        builtin: r.builtin,
        archived: r.archived_at !== null,
      },
    ]),
  );
  const loginsOf = groupBy(logins.rows, (r) => r.employee_id);
  const skillsOf = groupBy(empSkills.rows, (r) => r.employee_id);
  const queuesOf = groupBy(queues.rows, (r) => r.skill_id);

  return {
    tenantId,
    intervalMs: (interval.rows[0]?.interval_minutes ?? 15) * 60_000,
    adherenceSource: settings.rows[0]?.adherence_source ?? 'REPORTS_THEN_STATES',
    reforecastPhi: settings.rows[0]?.reforecast_phi ?? 0.95,
    codes: createActivityCatalog([...codeSetups.values()]),
    codeSetups,
    mappings: mappings.rows.map((m) => ({ ...optionalSource(m.source), eventCode: m.event_code, reasonCode: m.reason_code, activityCodeId: m.activity_code_id })),
    rules: rules.rows.map((r) => ({
      scheduled: side(r.scheduled_kind, r.scheduled_value),
      actual: side(r.actual_kind, r.actual_value),
      adherence: r.adherence,
      ...(r.exception_threshold_s === null ? {} : { exceptionThresholdSeconds: r.exception_threshold_s }),
      ...(r.alarm_threshold_s === null ? {} : { alarmThresholdSeconds: r.alarm_threshold_s }),
    })),
    schedulingUnits: new Map(
      sus.rows.map((r) => [
        r.id,
        {
          id: r.id,
          name: r.name,
          timeZone: r.time_zone,
          firstDayOfWeek: r.first_day_of_week,
          thresholds: { alarmThresholdSeconds: r.alarm_threshold_s, exceptionThresholdSeconds: r.exception_threshold_s },
          isDefault: r.is_default,
          archived: r.archived_at !== null,
        },
      ]),
    ),
    employees: new Map(
      employees.rows.map((r) => [
        r.id,
        {
          id: r.id,
          name: r.name,
          email: r.email,
          schedulingUnitId: r.scheduling_unit_id,
          canBeScheduled: r.can_be_scheduled,
          active: r.active,
          archived: r.archived_at !== null,
          logins: (loginsOf.get(r.id) ?? []).map((l) => ({ loginId: l.login_id, ...optionalSource(l.source) })),
          skillIds: (skillsOf.get(r.id) ?? []).map((s) => s.skill_id),
        },
      ]),
    ),
    skills: new Map(
      skills.rows.map((r) => [
        r.id,
        {
          id: r.id,
          name: r.name,
          channel: r.channel,
          category: r.category,
          serviceLevelGoal: r.sl_percent === null || r.sl_seconds === null ? null : { percent: r.sl_percent, seconds: r.sl_seconds },
          shortAbandonThresholdSeconds: r.short_abandon_threshold_s,
          paradigm: r.paradigm,
          timeZone: r.time_zone,
          staffing: r.staffing,
          queues: (queuesOf.get(r.id) ?? []).map((q) => ({ queueValue: q.queue_value, ...optionalSource(q.source) })),
          archived: r.archived_at !== null,
        },
      ]),
    ),
  };
}

// A setup is immutable once loaded (a change loads a new one), so its index is built once and
// shared by every late state, recompute chunk and intraday read that resolves against it.
const loginIndexes = new WeakMap<ReadonlyMap<string, EmployeeSetup>, LoginIndex>();

/**
 * Index from ACD login to employee (§1.2): an entry qualified by the event's source beats an
 * unqualified one; login values compare exactly.
 * @example createLoginIndex(setup.employees).resolve('5001', 'acd-1')
 */
export function createLoginIndex(employees: ReadonlyMap<string, EmployeeSetup>): LoginIndex {
  const known = loginIndexes.get(employees);
  if (known) return known;
  const byKey = new Map<string, string>();
  for (const e of employees.values()) {
    for (const l of e.logins) byKey.set(`${l.source ?? ANY}\u0000${l.loginId}`, e.id);
  }
  const index: LoginIndex = {
    resolve(loginId: string, source?: string): string | undefined {
      return (source === undefined ? undefined : byKey.get(`${source}\u0000${loginId}`)) ?? byKey.get(`${ANY}\u0000${loginId}`);
    },
  };
  loginIndexes.set(employees, index);
  return index;
}

export interface LoginIndex {
  /** The employee holding `loginId` for `source` (or for any source), if any. */
  resolve(loginId: string, source?: string): string | undefined;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

interface CodeRow {
  id: string;
  name: string;
  display_as: string;
  priority: number;
  open: boolean;
  paid: boolean;
  payroll_code: string;
  color: string;
  schedulable: boolean;
  builtin: 'LOGIN' | 'LOGOFF' | null;
  archived_at: Date | null;
}

interface SuRow {
  id: string;
  name: string;
  time_zone: string;
  first_day_of_week: number;
  exception_threshold_s: number;
  alarm_threshold_s: number;
  is_default: boolean;
  archived_at: Date | null;
}

interface EmployeeRow {
  id: string;
  name: string;
  email: string;
  scheduling_unit_id: string;
  can_be_scheduled: boolean;
  active: boolean;
  archived_at: Date | null;
}

interface SkillRow {
  id: string;
  name: string;
  channel: string;
  category: 'REAL_TIME' | 'DEFERRABLE';
  sl_percent: number | null;
  sl_seconds: number | null;
  short_abandon_threshold_s: number;
  paradigm: 'WCE' | 'TTI';
  time_zone: string;
  staffing: SkillStaffingSetup;
  archived_at: Date | null;
}

interface RuleRow {
  scheduled_kind: string;
  scheduled_value: string;
  actual_kind: string;
  actual_value: string;
  adherence: 'IN' | 'OUT' | 'NEUTRAL';
  exception_threshold_s: number | null;
  alarm_threshold_s: number | null;
}
