import type { ActivityCodeDto } from '@floorplan/contracts';
import { RESOURCES } from '../../api/lists';
import { CrudPage } from '../../components/crud-page';
import { bool, enumOptions, num, str } from '../../components/form-values';

export const ACTIVITY_CATEGORIES = ['OPEN', 'BREAK', 'LUNCH', 'MEETING', 'TRAINING', 'BUSY', 'OUT_OF_OFFICE', 'OFFLINE'];

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

export function ActivityCodesPage() {
  return (
    <CrudPage<ActivityCodeDto>
      title="Activity codes"
      noun="activity code"
      name="activity-codes"
      resource={RESOURCES.activityCodes}
      removal="archive"
      writePermission="wfm.setup.write"
      label={(c) => c.name}
      removable={(c) => c.builtin === null}
      intro="Login and Logoff are built in: only their colour and payroll code can change."
      columns={[
        { header: 'Name', cell: (c) => <><span className="swatch" style={{ background: c.color }} aria-hidden="true" /> {c.name}{c.builtin ? <span className="muted"> (built-in)</span> : null}</> },
        { header: 'Display as', cell: (c) => c.displayAs },
        { header: 'Priority', className: 'num', cell: (c) => c.priority },
        { header: 'Open', cell: (c) => yesNo(c.open) },
        { header: 'Paid', cell: (c) => yesNo(c.paid) },
        { header: 'Schedulable', cell: (c) => yesNo(c.schedulable) },
        { header: 'Payroll code', cell: (c) => c.payrollCode },
      ]}
      fields={() => [
        { key: 'name', label: 'Name', kind: 'text', required: true },
        { key: 'displayAs', label: 'Display as', kind: 'select', required: true, options: enumOptions(ACTIVITY_CATEGORIES) },
        { key: 'priority', label: 'Priority (1 wins)', kind: 'number', min: 1, max: 10 },
        { key: 'payrollCode', label: 'Payroll code', kind: 'text' },
        { key: 'color', label: 'Colour', kind: 'color' },
        { key: 'open', label: 'Open (agent takes contacts)', kind: 'checkbox' },
        { key: 'paid', label: 'Paid', kind: 'checkbox' },
        { key: 'schedulable', label: 'Schedulable', kind: 'checkbox' },
      ]}
      toForm={(c) => ({
        name: c?.name ?? '',
        displayAs: c?.displayAs ?? 'OPEN',
        priority: String(c?.priority ?? 5),
        payrollCode: c?.payrollCode ?? '',
        color: c?.color ?? '#808080',
        open: c?.open ?? true,
        paid: c?.paid ?? true,
        schedulable: c?.schedulable ?? true,
      })}
      toBody={(values) => ({
        name: str(values, 'name'),
        displayAs: str(values, 'displayAs'),
        priority: num(values, 'priority'),
        payrollCode: str(values, 'payrollCode'),
        color: str(values, 'color'),
        open: bool(values, 'open'),
        paid: bool(values, 'paid'),
        schedulable: bool(values, 'schedulable'),
      })}
    />
  );
}
