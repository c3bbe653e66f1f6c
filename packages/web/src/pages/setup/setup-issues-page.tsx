import type { SetupIssue } from '@floorplan/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import { DataTable, QueryState } from '../../components/data-table';
import { PageHeader } from '../../layout/page-header';
import { Link } from '../../router';

/** Where each kind of issue is fixed: the setup page that holds the list or the entity. */
const FIX: Record<SetupIssue['code'], { path: string; action: string }> = {
  EMPLOYEE_WITHOUT_LOGINS: { path: '/console/setup/employees', action: 'Add a login' },
  UNMAPPED_LOGINS: { path: '/console/setup/employees', action: 'Assign the logins' },
  UNMAPPED_EVENTS: { path: '/console/setup/event-mappings', action: 'Map the events' },
  UNMAPPED_QUEUES: { path: '/console/setup/skills', action: 'Add the queues to skills' },
  SKILL_WITHOUT_QUEUES: { path: '/console/setup/skills', action: 'Add a queue' },
  PROFICIENCY_OVER_10: { path: '/console/setup/employees', action: 'Review proficiency' },
  PARADIGM_MISMATCH: { path: '/console/setup/skills', action: 'Check the paradigm' },
};

const key = (i: SetupIssue) => `${i.code}:${i.entity?.id ?? ''}`;

/**
 * Data hygiene (engine spec §1.9): what keeps states, reports or queues from counting (unmapped
 * logins, events and queues; employees without logins; skills without queues; paradigm mismatches),
 * errors first, each with a link to where it is fixed.
 */
export function SetupIssuesPage() {
  const issues = useQuery({
    queryKey: ['setup-issues'],
    queryFn: async () => (await apiFetch<{ items: SetupIssue[] }>('/wfm/v1/setup/issues')).items,
    refetchInterval: 30_000,
  });
  const rows = [...(issues.data ?? [])].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'ERROR' ? -1 : 1));
  const errors = rows.filter((i) => i.severity === 'ERROR').length;
  return (
    <>
      <PageHeader title="Data hygiene">
        <span className="muted" data-testid="setup-issues-summary">
          {issues.data ? `${errors} error${errors === 1 ? '' : 's'}, ${rows.length - errors} warning${rows.length - errors === 1 ? '' : 's'}` : null}
        </span>
      </PageHeader>
      <p className="muted">What the ACD sends that the setup does not cover yet, and setup that cannot work as it stands. Refreshes every 30 seconds.</p>
      <QueryState isLoading={issues.isLoading} error={issues.error} />
      {issues.data ? (
        <DataTable<SetupIssue>
          name="setup-issues"
          rows={rows}
          rowKey={key}
          empty="Nothing to fix: every login, event and queue seen is mapped."
          columns={[
            { header: 'Severity', cell: (i) => <span className={`badge badge-${i.severity === 'ERROR' ? 'DISCONNECTED' : 'DEGRADED'}`}>{i.severity === 'ERROR' ? 'Error' : 'Warning'}</span> },
            { header: 'Issue', cell: (i) => i.message },
            { header: 'Concerns', cell: (i) => (i.entity ? `${i.entity.kind} ${i.entity.name}` : 'tenant') },
            { header: 'Count', className: 'num', cell: (i) => i.count ?? '' },
            { header: 'Fix', cell: (i) => <Link to={FIX[i.code].path} data-testid="setup-issue-fix">{FIX[i.code].action}</Link> },
          ]}
        />
      ) : null}
    </>
  );
}
