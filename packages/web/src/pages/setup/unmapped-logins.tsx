import type { Employee, UnmappedLogin } from '@floorplan/contracts';
import { useAuth } from '../../api/auth';
import { RESOURCES, useList } from '../../api/lists';
import { useResourceWrites } from '../../api/mutations';
import { DataTable, type Column } from '../../components/data-table';
import { formatInstant, options } from '../../components/form-values';
import { OutcomeBanner, useOutcome } from '../../components/outcome';
import { PickAction } from '../../components/pick-action';
import { useUnmapped } from './use-unmapped';

const key = (row: UnmappedLogin) => `${row.seenIn}:${row.loginId}:${row.source ?? ''}`;

/** The body of a PUT that replaces an employee with itself plus one login. */
function withLogin(employee: Employee, loginId: string) {
  const { id: _id, version: _version, archived: _archived, archivedAt: _archivedAt, createdAt: _createdAt, updatedAt: _updatedAt, ...body } = employee;
  return { ...body, acdLogins: [...employee.acdLogins, { loginId }] };
}

/** Logins the ACD sends that no employee has, each with "assign to employee". */
export function UnmappedLogins() {
  const { permissions } = useAuth();
  const unmapped = useUnmapped<UnmappedLogin>('unmapped-logins');
  const employees = useList<Employee>(RESOURCES.employees);
  const writes = useResourceWrites(RESOURCES.employees);
  const { outcome, run } = useOutcome();

  // Kept on screen while an outcome is up: the last assignment empties the list.
  if ((!unmapped.data || unmapped.data.length === 0) && !outcome) return null;

  const assign = (row: UnmappedLogin, employeeId: string) =>
    run(async () => {
      const employee = employees.data?.find((e) => e.id === employeeId);
      if (!employee) throw new Error('employee not found');
      await writes.update(employee, withLogin(employee, row.loginId));
      await unmapped.refetch();
      return `Login ${row.loginId} assigned to ${employee.name}.`;
    }, `Could not assign ${row.loginId}`);

  const columns: Column<UnmappedLogin>[] = [
    { header: 'Login', cell: (r) => r.loginId },
    { header: 'Source', cell: (r) => r.source ?? '' },
    { header: 'Seen in', cell: (r) => r.seenIn },
    { header: 'Last seen', cell: (r) => formatInstant(r.lastSeen) },
    { header: 'Count', className: 'num', cell: (r) => r.count },
  ];
  if (permissions.has('wfm.setup.write')) {
    columns.push({
      header: 'Assign to employee',
      className: 'actions',
      cell: (r) => (
        <PickAction label={`Employee for login ${r.loginId}`} options={options(employees.data ?? [])} buttonLabel="Assign" testid="assign-login" onApply={(id) => assign(r, id)} />
      ),
    });
  }

  return (
    <section className="panel" aria-label="Unmapped ACD logins">
      <h2>Unmapped ACD logins</h2>
      <p className="muted">The ACD sent these logins, but no employee has them: their states do not reach the board or adherence.</p>
      <OutcomeBanner outcome={outcome} />
      <DataTable name="unmapped-logins" rowKey={key} rows={unmapped.data ?? []} empty="None left." columns={columns} />
    </section>
  );
}
