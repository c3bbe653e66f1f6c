import { activityCodeInputSchema, activityCodeSchema, type ActivityCodeDto, type ActivityCodeInput } from '@floorplan/contracts';
import type { Queryable } from '../../../platform/db/db.js';
import { archivedOf, selectRows, stampsOf, unprocessable, type EntitySpec, type SelectOptions, type StampRow } from './entity-http.js';

interface CodeRow extends StampRow {
  name: string;
  display_as: ActivityCodeDto['displayAs'];
  priority: number;
  open: boolean;
  paid: boolean;
  payroll_code: string;
  color: string;
  schedulable: boolean;
  builtin: 'LOGIN' | 'LOGOFF' | null;
}

/** @example const [login] = await loadActivityCodes(db, tenantId, { id: LOGIN_CODE_ID, limit: 1, includeArchived: true }); */
export async function loadActivityCodes(q: Queryable, tenantId: string, o: SelectOptions): Promise<ActivityCodeDto[]> {
  const rows = await selectRows<CodeRow>(q, 'activity_code', tenantId, o, true);
  return rows.map((r) => ({
    ...stampsOf(r),
    name: r.name,
    displayAs: r.display_as,
    priority: r.priority,
    open: r.open,
    paid: r.paid,
    payrollCode: r.payroll_code,
    color: r.color,
    schedulable: r.schedulable,
    builtin: r.builtin,
    ...archivedOf(r),
  }));
}

/** Fields of a built-in code that define what it is (§1.5); only colour and payroll code may change. */
const builtinFixed = ['name', 'displayAs', 'priority', 'open', 'paid', 'schedulable'] as const;

function checkBuiltin(c: ActivityCodeInput, current: ActivityCodeDto): void {
  for (const field of builtinFixed) {
    if (c[field] !== current[field]) {
      const what = field === 'name' ? 'renamed' : field === 'schedulable' ? 'made schedulable' : `given another ${field}`;
      throw unprocessable(field, `the built-in ${current.name} code cannot be ${what} (must stay ${JSON.stringify(current[field])})`);
    }
  }
}

async function writeActivityCode(tx: Queryable, tenantId: string, id: string, c: ActivityCodeInput, current: ActivityCodeDto | null): Promise<void> {
  const fields = [c.name, c.displayAs, c.priority, c.open, c.paid, c.payrollCode, c.color, c.schedulable];
  if (current === null) {
    await tx.query(
      `INSERT INTO activity_code (tenant_id, id, name, display_as, priority, open, paid, payroll_code, color, schedulable)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [tenantId, id, ...fields],
    );
    return;
  }
  if (current.builtin !== null) checkBuiltin(c, current);
  await tx.query(
    `UPDATE activity_code SET name = $3, display_as = $4, priority = $5, open = $6, paid = $7, payroll_code = $8, color = $9, schedulable = $10
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, ...fields],
  );
}

/** Activity codes (§1.5): archived, never deleted; the built-in Login and Logoff never go (422). */
export const activityCodeSpec: EntitySpec<ActivityCodeInput, ActivityCodeDto> = {
  path: '/wfm/v1/activity-codes',
  table: 'activity_code',
  noun: 'activity code',
  kind: 'activityCode',
  input: activityCodeInputSchema,
  output: activityCodeSchema,
  uniqueName: (c) => c.name,
  load: loadActivityCodes,
  write: writeActivityCode,
  retire: {
    kind: 'archive',
    check: async (_tx, _tenantId, current) => {
      if (current.builtin !== null) throw unprocessable('id', `the built-in ${current.name} code cannot be archived`);
    },
  },
};
