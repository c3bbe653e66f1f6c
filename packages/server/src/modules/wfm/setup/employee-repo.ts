import { employeeInputSchema, employeeSchema, type Employee, type EmployeeInput } from '@floorplan/contracts';
import type { Queryable } from '../../../platform/db/db.js';
import { assertUnclaimed, claimSource, replaceClaims, type ClaimTable } from './claims.js';
import { archivedOf, conflict, selectRows, stampsOf, unprocessable, type EntitySpec, type SelectOptions, type StampRow } from './entity-http.js';

const loginClaims: ClaimTable = {
  table: 'employee_acd_login',
  valueColumn: 'login_id',
  ownerColumn: 'employee_id',
  ownerTable: 'employee',
  ownerNoun: 'employee',
  field: 'acdLogins',
  valueNoun: 'login',
};

interface EmployeeRow extends StampRow {
  name: string;
  email: string;
  scheduling_unit_id: string;
  can_be_scheduled: boolean;
  active: boolean;
  user_id: string | null;
}

/**
 * Employees with their ACD logins and skills, in id order.
 * @example const [ann] = await loadEmployees(db, tenantId, { id, limit: 1, includeArchived: true });
 */
export async function loadEmployees(q: Queryable, tenantId: string, o: SelectOptions): Promise<Employee[]> {
  const rows = await selectRows<EmployeeRow>(q, 'employee', tenantId, o, true);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [logins, skills] = await Promise.all([
    q.query<{ employee_id: string; source: string; login_id: string }>(
      'SELECT employee_id, source, login_id FROM employee_acd_login WHERE tenant_id = $1 AND employee_id = ANY($2::uuid[]) ORDER BY login_id, source',
      [tenantId, ids],
    ),
    q.query<{ employee_id: string; skill_id: string; proficiency: number | null }>(
      'SELECT employee_id, skill_id, proficiency FROM employee_skill WHERE tenant_id = $1 AND employee_id = ANY($2::uuid[]) ORDER BY skill_id',
      [tenantId, ids],
    ),
  ]);
  return rows.map((r) => ({
    ...stampsOf(r),
    name: r.name,
    email: r.email,
    acdLogins: logins.rows.filter((l) => l.employee_id === r.id).map((l) => ({ loginId: l.login_id, ...claimSource(l.source) })),
    schedulingUnitId: r.scheduling_unit_id,
    skills: skills.rows.filter((s) => s.employee_id === r.id).map((s) => ({ skillId: s.skill_id, ...(s.proficiency === null ? {} : { proficiency: s.proficiency }) })),
    canBeScheduled: r.can_be_scheduled,
    active: r.active,
    userId: r.user_id,
    ...archivedOf(r),
  }));
}

/** Checks everything an employee refers to or claims, in the write's transaction; what it already had stays valid. */
async function checkEmployee(tx: Queryable, tenantId: string, id: string, e: EmployeeInput, suId: string, current: Employee | null): Promise<void> {
  const su = await tx.query<{ archived_at: Date | null }>('SELECT archived_at FROM scheduling_unit WHERE tenant_id = $1 AND id = $2', [tenantId, suId]);
  if (!su.rows[0]) throw unprocessable('schedulingUnitId', `no scheduling unit ${suId} in this tenant`);
  if (su.rows[0].archived_at !== null && suId !== current?.schedulingUnitId) throw unprocessable('schedulingUnitId', `scheduling unit ${suId} is archived`);

  const email = await tx.query<{ id: string; name: string }>('SELECT id, name FROM employee WHERE tenant_id = $1 AND email = $2 AND id <> $3', [tenantId, e.email, id]);
  if (email.rows[0]) throw conflict('email', `is already used by employee '${email.rows[0].name}' (${email.rows[0].id})`);

  await assertUnclaimed(tx, tenantId, id, loginClaims, e.acdLogins.map((l) => ({ source: l.source, value: l.loginId })));

  if (e.skills.length > 0) {
    const known = await tx.query<{ id: string }>('SELECT id FROM skill WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND archived_at IS NULL', [tenantId, e.skills.map((s) => s.skillId)]);
    // Skills archived since they were given stay acceptable, so the employee can still be edited.
    const ok = new Set([...known.rows.map((r) => r.id), ...(current?.skills.map((s) => s.skillId) ?? [])]);
    const i = e.skills.findIndex((s) => !ok.has(s.skillId));
    if (i >= 0) throw unprocessable(`skills[${i}].skillId`, `no active skill ${e.skills[i]?.skillId} in this tenant`);
  }

  if (e.userId !== null) {
    const user = await tx.query('SELECT 1 FROM app_user WHERE tenant_id = $1 AND id = $2', [tenantId, e.userId]);
    if (user.rows.length === 0) throw unprocessable('userId', `no user ${e.userId} in this tenant`);
  }
}

async function writeEmployee(tx: Queryable, tenantId: string, id: string, e: EmployeeInput, current: Employee | null): Promise<void> {
  // The default SU's id is the tenant's (migration 0004).
  const suId = e.schedulingUnitId ?? tenantId;
  await checkEmployee(tx, tenantId, id, e, suId, current);
  const fields = [e.name, e.email, suId, e.canBeScheduled, e.active, e.userId];
  if (current === null) {
    await tx.query(
      `INSERT INTO employee (tenant_id, id, name, email, scheduling_unit_id, can_be_scheduled, active, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [tenantId, id, ...fields],
    );
  } else {
    await tx.query(
      `UPDATE employee SET name = $3, email = $4, scheduling_unit_id = $5, can_be_scheduled = $6, active = $7, user_id = $8 WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, ...fields],
    );
    await tx.query('DELETE FROM employee_skill WHERE tenant_id = $1 AND employee_id = $2', [tenantId, id]);
  }
  await replaceClaims(tx, tenantId, id, loginClaims, e.acdLogins.map((l) => ({ source: l.source, value: l.loginId })));
  await tx.query(
    `INSERT INTO employee_skill (tenant_id, employee_id, skill_id, proficiency) SELECT $1, $2, s, p FROM unnest($3::uuid[], $4::int[]) AS x(s, p)`,
    [tenantId, id, e.skills.map((s) => s.skillId), e.skills.map((s) => s.proficiency ?? null)],
  );
}

/** Employees (§1.2): archived, never deleted; logins and skills are replaced with the employee. */
export const employeeSpec: EntitySpec<EmployeeInput, Employee> = {
  path: '/wfm/v1/employees',
  table: 'employee',
  noun: 'employee',
  kind: 'employee',
  input: employeeInputSchema,
  output: employeeSchema,
  mappings: true,
  load: loadEmployees,
  write: writeEmployee,
  retire: { kind: 'archive' },
};
