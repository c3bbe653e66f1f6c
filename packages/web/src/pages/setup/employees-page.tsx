import type { Employee } from '@floorplan/contracts';
import { byId, RESOURCES, useSchedulingUnits, useSkills } from '../../api/lists';
import { CrudPage } from '../../components/crud-page';
import { bool, formatQualified, ids, options, parseQualified, str } from '../../components/form-values';
import { UnmappedLogins } from './unmapped-logins';

const qualifiedHint = 'Comma-separated; write source:loginId only where ACDs reuse login values.';

export function EmployeesPage() {
  const units = useSchedulingUnits();
  const skills = useSkills();
  const unitById = byId(units.data);
  const skillById = byId(skills.data);

  return (
    <CrudPage<Employee>
      title="Employees"
      noun="employee"
      name="employees"
      resource={RESOURCES.employees}
      removal="archive"
      writePermission="wfm.setup.write"
      label={(e) => e.name}
      columns={[
        { header: 'Name', cell: (e) => e.name },
        { header: 'Email', cell: (e) => e.email },
        { header: 'ACD logins', cell: (e) => formatQualified(e.acdLogins, (l) => l.loginId) || <span className="muted">none</span> },
        { header: 'Scheduling unit', cell: (e) => unitById.get(e.schedulingUnitId)?.name ?? e.schedulingUnitId },
        { header: 'Skills', cell: (e) => e.skills.map((s) => skillById.get(s.skillId)?.name ?? s.skillId).join(', ') },
        { header: 'Active', cell: (e) => (e.archived ? 'archived' : e.active ? 'yes' : 'no') },
        { header: 'Schedulable', cell: (e) => (e.canBeScheduled ? 'yes' : 'no') },
      ]}
      fields={() => [
        { key: 'name', label: 'Name', kind: 'text', required: true },
        { key: 'email', label: 'Email', kind: 'email', required: true },
        { key: 'acdLogins', label: 'ACD logins', kind: 'text', hint: qualifiedHint },
        { key: 'schedulingUnitId', label: 'Scheduling unit', kind: 'select', required: true, options: options(units.data ?? []) },
        { key: 'skills', label: 'Skills', kind: 'multiselect', options: options(skills.data ?? []) },
        { key: 'canBeScheduled', label: 'Can be scheduled', kind: 'checkbox' },
        { key: 'active', label: 'Active', kind: 'checkbox' },
      ]}
      toForm={(e) => ({
        name: e?.name ?? '',
        email: e?.email ?? '',
        acdLogins: e ? formatQualified(e.acdLogins, (l) => l.loginId) : '',
        schedulingUnitId: e?.schedulingUnitId ?? units.data?.find((u) => u.isDefault)?.id ?? '',
        skills: e ? e.skills.map((s) => s.skillId).join(',') : '',
        canBeScheduled: e?.canBeScheduled ?? true,
        active: e?.active ?? true,
      })}
      toBody={(values, editing) => {
        // Proficiencies are not edited here; keep the ones of skills the employee still has.
        const proficiency = new Map((editing?.skills ?? []).map((s) => [s.skillId, s.proficiency]));
        return {
          name: str(values, 'name'),
          email: str(values, 'email'),
          acdLogins: parseQualified(values, 'acdLogins', 'loginId'),
          schedulingUnitId: str(values, 'schedulingUnitId') || undefined,
          skills: ids(values, 'skills').map((skillId) => ({ skillId, proficiency: proficiency.get(skillId) })),
          canBeScheduled: bool(values, 'canBeScheduled'),
          active: bool(values, 'active'),
          userId: editing?.userId ?? null,
        };
      }}
    >
      <UnmappedLogins />
    </CrudPage>
  );
}
