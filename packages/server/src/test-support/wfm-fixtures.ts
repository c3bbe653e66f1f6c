import { randomUUID } from 'node:crypto';
import type { Queryable } from '../platform/db/db.js';

/**
 * Writes WFM setup and published schedules straight into the tables, for tests and benchmarks of
 * the parts that read them (RTA, recompute, intraday). Tests of the setup and schedule APIs
 * themselves go through HTTP. Every row is tenant-scoped; the tenant's default SU (id = tenant id)
 * and the built-in Login/Logoff codes already exist.
 */
export interface SeedSpec {
  timeZone?: string;
  thresholds?: { alarmThresholdSeconds?: number; exceptionThresholdSeconds?: number };
  codes?: { name: string; displayAs: string; open: boolean; priority?: number; paid?: boolean }[];
  skills?: { name: string; queues: string[]; paradigm?: 'WCE' | 'TTI'; channel?: string; timeZone?: string }[];
  employees?: { name: string; email?: string; logins?: string[]; skills?: string[]; canBeScheduled?: boolean }[];
  /** `code` names a seeded code, `Login` or `Logoff`. */
  mappings?: { eventCode: string; reasonCode: string; code: string; source?: string }[];
  rules?: { scheduled: string; actual: string; adherence: 'IN' | 'OUT' | 'NEUTRAL'; by?: 'CODE' | 'CATEGORY'; alarmThresholdSeconds?: number; exceptionThresholdSeconds?: number }[];
}

export interface Seeded {
  schedulingUnitId: string;
  /** By name, built-ins included. */
  codes: Record<string, string>;
  skills: Record<string, string>;
  employees: Record<string, string>;
}

export const BUILT_IN_IDS = { Login: '00000000-0000-4000-8000-000000000001', Logoff: '00000000-0000-4000-8000-000000000002' } as const;

/** @example const s = await seedWfm(db, tenantId, { codes: [{ name: 'Open', displayAs: 'OPEN', open: true }], employees: [{ name: 'Ann', logins: ['5001'] }] }); */
export async function seedWfm(db: Queryable, tenantId: string, spec: SeedSpec): Promise<Seeded> {
  const su = tenantId;
  await db.query(
    `UPDATE scheduling_unit SET time_zone = $2, alarm_threshold_s = coalesce($3, alarm_threshold_s),
       exception_threshold_s = coalesce($4, exception_threshold_s) WHERE tenant_id = $1 AND id = $1`,
    [tenantId, spec.timeZone ?? 'UTC', spec.thresholds?.alarmThresholdSeconds ?? null, spec.thresholds?.exceptionThresholdSeconds ?? null],
  );
  const codes: Record<string, string> = { ...BUILT_IN_IDS };
  for (const c of spec.codes ?? []) {
    const id = randomUUID();
    await db.query(
      `INSERT INTO activity_code (tenant_id, id, name, display_as, priority, open, paid) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tenantId, id, c.name, c.displayAs, c.priority ?? 5, c.open, c.paid ?? true],
    );
    codes[c.name] = id;
  }
  const skills: Record<string, string> = {};
  for (const s of spec.skills ?? []) {
    const id = randomUUID();
    await db.query(
      `INSERT INTO skill (tenant_id, id, name, channel, category, sl_percent, sl_seconds, paradigm, time_zone, staffing)
       VALUES ($1, $2, $3, $4, 'REAL_TIME', 80, 20, $5, $6, $7)`,
      [tenantId, id, s.name, s.channel ?? 'VOICE', s.paradigm ?? 'WCE', s.timeZone ?? spec.timeZone ?? 'UTC',
        JSON.stringify({ model: 'ERLANG_C', maxOccupancy: 0.9, shrinkage: 0, concurrency: 1, fractional: 'NONE' })],
    );
    for (const q of s.queues) await db.query('INSERT INTO skill_queue (tenant_id, queue_value, skill_id) VALUES ($1, $2, $3)', [tenantId, q, id]);
    skills[s.name] = id;
  }
  const employees: Record<string, string> = {};
  for (const e of spec.employees ?? []) {
    const id = randomUUID();
    await db.query(
      `INSERT INTO employee (tenant_id, id, name, email, scheduling_unit_id, can_be_scheduled) VALUES ($1, $2, $3, $4, $5, $6)`,
      [tenantId, id, e.name, e.email ?? `${id}@example.test`, su, e.canBeScheduled ?? true],
    );
    for (const login of e.logins ?? []) {
      await db.query('INSERT INTO employee_acd_login (tenant_id, login_id, employee_id) VALUES ($1, $2, $3)', [tenantId, login, id]);
    }
    for (const skill of e.skills ?? []) {
      await db.query('INSERT INTO employee_skill (tenant_id, employee_id, skill_id) VALUES ($1, $2, $3)', [tenantId, id, need(skills, skill)]);
    }
    employees[e.name] = id;
  }
  for (const m of spec.mappings ?? []) {
    await db.query(
      'INSERT INTO event_mapping (tenant_id, id, source, event_code, reason_code, activity_code_id) VALUES ($1, $2, $3, $4, $5, $6)',
      [tenantId, randomUUID(), m.source ?? '*', m.eventCode, m.reasonCode, need(codes, m.code)],
    );
  }
  for (const r of spec.rules ?? []) {
    const by = r.by ?? 'CODE';
    const value = (v: string) => (by === 'CODE' ? need(codes, v) : v);
    await db.query(
      `INSERT INTO adherence_rule (tenant_id, id, scheduled_kind, scheduled_value, actual_kind, actual_value, adherence, alarm_threshold_s, exception_threshold_s)
       VALUES ($1, $2, $3, $4, $3, $5, $6, $7, $8)`,
      [tenantId, randomUUID(), by, value(r.scheduled), value(r.actual), r.adherence, r.alarmThresholdSeconds ?? null, r.exceptionThresholdSeconds ?? null],
    );
  }
  return { schedulingUnitId: su, codes, skills, employees };
}

/**
 * Publishes one version covering `dates` of `employeeIds` with the given segments (ISO instants),
 * closing what was published before for those employee-dates, as a publication does.
 * @example await publishSchedule(db, tenantId, { employeeIds: [ann], dates: ['2026-03-02'], segments: [{ employeeId: ann, activityCodeId: open, start: '2026-03-02T09:00:00Z', end: '2026-03-02T17:00:00Z' }] });
 */
export async function publishSchedule(
  db: Queryable,
  tenantId: string,
  p: { employeeIds: string[]; dates: string[]; segments: { employeeId: string; activityCodeId: string; start: string; end: string; date?: string }[] },
): Promise<number> {
  const v = await db.query<{ version: number }>(
    `INSERT INTO schedule_version (tenant_id, version, kind, employee_ids, from_date, to_date)
     SELECT $1, coalesce(max(version), 0) + 1, 'IMPORT', $2::uuid[], $3::date, $4::date FROM schedule_version WHERE tenant_id = $1
     RETURNING version`,
    [tenantId, p.employeeIds, [...p.dates].sort()[0], [...p.dates].sort().at(-1)],
  );
  const version = (v.rows[0] as { version: number }).version;
  await db.query(
    `UPDATE schedule_day SET valid_to_version = $4 WHERE tenant_id = $1 AND employee_id = ANY($2::uuid[]) AND date = ANY($3::date[]) AND valid_to_version IS NULL`,
    [tenantId, p.employeeIds, p.dates, version],
  );
  await db.query(
    `UPDATE schedule_segment SET valid_to_version = $4 WHERE tenant_id = $1 AND employee_id = ANY($2::uuid[]) AND date = ANY($3::date[]) AND valid_to_version IS NULL`,
    [tenantId, p.employeeIds, p.dates, version],
  );
  for (const employeeId of p.employeeIds) {
    for (const date of p.dates) {
      await db.query('INSERT INTO schedule_day (tenant_id, employee_id, date, valid_from_version) VALUES ($1, $2, $3, $4)', [tenantId, employeeId, date, version]);
    }
  }
  for (const s of p.segments) {
    await db.query(
      `INSERT INTO schedule_segment (tenant_id, employee_id, date, activity_code_id, start_at, end_at, valid_from_version) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tenantId, s.employeeId, s.date ?? s.start.slice(0, 10), s.activityCodeId, s.start, s.end, version],
    );
  }
  return version;
}

function need(map: Record<string, string>, name: string): string {
  const id = map[name];
  if (id === undefined) throw new Error(`seed: unknown name ${name}`);
  return id;
}
