import type { SchedulingUnit } from '@floorplan/contracts';
import { RESOURCES } from '../../api/lists';
import { CrudPage } from '../../components/crud-page';
import { json, num, str } from '../../components/form-values';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function describeHours(hours: SchedulingUnit['operatingHours']): string {
  if (!Array.isArray(hours)) return 'all day';
  return hours.map((d) => `${WEEKDAYS[d.weekday - 1] ?? d.weekday} ${d.open}–${d.close}`).join(', ');
}

export function SchedulingUnitsPage() {
  return (
    <CrudPage<SchedulingUnit>
      title="Scheduling units"
      noun="scheduling unit"
      name="scheduling-units"
      resource={RESOURCES.schedulingUnits}
      removal="archive"
      writePermission="wfm.setup.write"
      label={(u) => u.name}
      removable={(u) => !u.isDefault}
      columns={[
        { header: 'Name', cell: (u) => (u.isDefault ? `${u.name} (default)` : u.name) },
        { header: 'Time zone', cell: (u) => u.timeZone },
        { header: 'Week starts', cell: (u) => WEEKDAYS[u.firstDayOfWeek - 1] },
        { header: 'Operating hours', cell: (u) => describeHours(u.operatingHours) },
        { header: 'Exception threshold (s)', className: 'num', cell: (u) => u.adherence.exceptionThresholdSeconds },
        { header: 'Alarm threshold (s)', className: 'num', cell: (u) => u.adherence.alarmThresholdSeconds },
      ]}
      fields={() => [
        { key: 'name', label: 'Name', kind: 'text', required: true },
        { key: 'timeZone', label: 'Time zone (IANA)', kind: 'text', hint: 'e.g. Europe/Berlin; empty = the default unit’s' },
        { key: 'firstDayOfWeek', label: 'First day of week', kind: 'select', required: true, options: WEEKDAYS.map((label, i) => ({ value: String(i + 1), label })) },
        { key: 'adherence.exceptionThresholdSeconds', label: 'Exception threshold (s)', kind: 'number', min: 0, max: 3600 },
        { key: 'adherence.alarmThresholdSeconds', label: 'Alarm threshold (s)', kind: 'number', min: 0, max: 7200 },
        {
          key: 'operatingHours',
          label: 'Operating hours (JSON)',
          kind: 'textarea',
          wide: true,
          hint: '{"allDay": true} or [{"weekday": 1, "open": "08:00", "close": "20:00"}, …]',
        },
      ]}
      toForm={(u) => ({
        name: u?.name ?? '',
        timeZone: u?.timeZone ?? '',
        firstDayOfWeek: String(u?.firstDayOfWeek ?? 1),
        'adherence.exceptionThresholdSeconds': String(u?.adherence.exceptionThresholdSeconds ?? 0),
        'adherence.alarmThresholdSeconds': String(u?.adherence.alarmThresholdSeconds ?? 300),
        operatingHours: JSON.stringify(u?.operatingHours ?? { allDay: true }),
      })}
      toBody={(values) => ({
        name: str(values, 'name'),
        timeZone: str(values, 'timeZone') || undefined,
        firstDayOfWeek: num(values, 'firstDayOfWeek'),
        operatingHours: json(values, 'operatingHours'),
        adherence: {
          exceptionThresholdSeconds: num(values, 'adherence.exceptionThresholdSeconds'),
          alarmThresholdSeconds: num(values, 'adherence.alarmThresholdSeconds'),
        },
      })}
    />
  );
}
