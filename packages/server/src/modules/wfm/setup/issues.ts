import type { SetupIssue } from '@floorplan/contracts';
import type { Queryable } from '../../../platform/db/db.js';

/** What the issue list is computed from (active employees and skills only). */
export interface IssueInputs {
  employeesWithoutLogins: { id: string; name: string }[];
  proficienciesOverTen: { employeeId: string; employeeName: string; skillId: string; skillName: string; proficiency: number }[];
  skillsWithoutQueues: { id: string; name: string }[];
  /** Queues of a skill with report rows of the paradigm the skill does not read (§7). */
  paradigmMismatches: { skillId: string; skillName: string; paradigm: string; queueValue: string; rows: number }[];
  unmapped: { logins: number; events: number; queues: number };
}

/**
 * Turns the setup's gaps into a list a console can show (§1.9): per entity, then tenant-wide counts.
 * @example buildIssues({ ...none, skillsWithoutQueues: [{ id, name: 'Sales' }] })[0]?.code === 'SKILL_WITHOUT_QUEUES'
 */
export function buildIssues(i: IssueInputs): SetupIssue[] {
  const out: SetupIssue[] = [];
  const add = (code: SetupIssue['code'], entity: SetupIssue['entity'], message: string, count: number | null = null) =>
    out.push({ code, severity: 'WARNING', entity, message, count });
  for (const e of i.employeesWithoutLogins) add('EMPLOYEE_WITHOUT_LOGINS', { kind: 'employee', ...e }, `employee '${e.name}' has no ACD login: RTA and adherence cannot see them`);
  for (const p of i.proficienciesOverTen) {
    add('PROFICIENCY_OVER_10', { kind: 'employee', id: p.employeeId, name: p.employeeName }, `employee '${p.employeeName}' has proficiency ${p.proficiency} on skill '${p.skillName}' (${p.skillId}); the scale is 1–10`);
  }
  for (const s of i.skillsWithoutQueues) add('SKILL_WITHOUT_QUEUES', { kind: 'skill', ...s }, `skill '${s.name}' has no ACD queue: it has no actuals and no forecast history`);
  for (const m of i.paradigmMismatches) {
    const other = m.paradigm === 'WCE' ? 'TTI' : 'WCE';
    add('PARADIGM_MISMATCH', { kind: 'skill', id: m.skillId, name: m.skillName }, `queue '${m.queueValue}' of ${m.paradigm} skill '${m.skillName}' has ${m.rows} ${other} report row(s), which the skill ignores`, m.rows);
  }
  if (i.unmapped.logins > 0) add('UNMAPPED_LOGINS', null, `${i.unmapped.logins} ACD login(s) match no employee (GET /wfm/v1/setup/unmapped-logins)`, i.unmapped.logins);
  if (i.unmapped.events > 0) add('UNMAPPED_EVENTS', null, `${i.unmapped.events} ACD event(s) match no event mapping (GET /wfm/v1/setup/unmapped-events)`, i.unmapped.events);
  if (i.unmapped.queues > 0) add('UNMAPPED_QUEUES', null, `${i.unmapped.queues} queue value(s) belong to no skill (GET /wfm/v1/setup/unmapped-queues)`, i.unmapped.queues);
  return out;
}

/**
 * Reads the per-entity gaps of a tenant's setup; the caller adds the unmapped counts.
 * @example const inputs = await readIssueInputs(db, tenantId, { logins: 1, events: 0, queues: 2 });
 */
export async function readIssueInputs(q: Queryable, tenantId: string, unmapped: IssueInputs['unmapped']): Promise<IssueInputs> {
  const [noLogins, overTen, noQueues, mismatches] = await Promise.all([
    q.query<{ id: string; name: string }>(
      `SELECT e.id, e.name FROM employee e WHERE e.tenant_id = $1 AND e.archived_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM employee_acd_login l WHERE l.tenant_id = $1 AND l.employee_id = e.id)
        ORDER BY e.name, e.id`,
      [tenantId],
    ),
    q.query<{ employee_id: string; employee_name: string; skill_id: string; skill_name: string; proficiency: number }>(
      `SELECT es.employee_id, e.name AS employee_name, es.skill_id, s.name AS skill_name, es.proficiency
         FROM employee_skill es
         JOIN employee e ON e.tenant_id = es.tenant_id AND e.id = es.employee_id AND e.archived_at IS NULL
         JOIN skill s ON s.tenant_id = es.tenant_id AND s.id = es.skill_id
        WHERE es.tenant_id = $1 AND es.proficiency > 10 ORDER BY e.name, e.id, s.name`,
      [tenantId],
    ),
    q.query<{ id: string; name: string }>(
      `SELECT s.id, s.name FROM skill s WHERE s.tenant_id = $1 AND s.archived_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM skill_queue q WHERE q.tenant_id = $1 AND q.skill_id = s.id)
        ORDER BY s.name, s.id`,
      [tenantId],
    ),
    // Queue reports carry no ACD source, so a queue is matched on its value alone (as ingest does).
    q.query<{ skill_id: string; skill_name: string; paradigm: string; queue_value: string; n: string }>(
      `SELECT s.id AS skill_id, s.name AS skill_name, s.paradigm, q.queue_value, count(*) AS n
         FROM skill s
         JOIN skill_queue q ON q.tenant_id = s.tenant_id AND q.skill_id = s.id
         JOIN acd_queue_interval a ON a.tenant_id = s.tenant_id AND a.queue_value = q.queue_value AND a.paradigm <> s.paradigm
        WHERE s.tenant_id = $1 AND s.archived_at IS NULL
        GROUP BY s.id, s.name, s.paradigm, q.queue_value ORDER BY s.name, q.queue_value`,
      [tenantId],
    ),
  ]);
  return {
    employeesWithoutLogins: noLogins.rows,
    proficienciesOverTen: overTen.rows.map((r) => ({ employeeId: r.employee_id, employeeName: r.employee_name, skillId: r.skill_id, skillName: r.skill_name, proficiency: r.proficiency })),
    skillsWithoutQueues: noQueues.rows,
    paradigmMismatches: mismatches.rows.map((r) => ({ skillId: r.skill_id, skillName: r.skill_name, paradigm: r.paradigm, queueValue: r.queue_value, rows: Number(r.n) })),
    unmapped,
  };
}
