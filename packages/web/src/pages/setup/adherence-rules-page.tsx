import type { AdherenceRuleDto, RuleSideDto } from '@floorplan/contracts';
import { byId, RESOURCES, useActivityCodes } from '../../api/lists';
import { CrudPage } from '../../components/crud-page';
import { FormInputError } from '../../components/entity-form';
import type { Option } from '../../components/form-field';
import { enumOptions, num, str } from '../../components/form-values';
import { ACTIVITY_CATEGORIES } from './activity-codes-page';

// A rule side is either a category or one code; the form encodes it as `category:X` or `code:<id>`.
const encode = (side: RuleSideDto | undefined) => (!side ? '' : 'category' in side ? `category:${side.category}` : `code:${side.activityCodeId}`);

function decode(value: string, key: string): RuleSideDto {
  if (value.startsWith('category:')) return { category: value.slice(9) as Extract<RuleSideDto, { category: string }>['category'] };
  if (value.startsWith('code:')) return { activityCodeId: value.slice(5) };
  throw new FormInputError(key, 'choose a category or a code');
}

export function AdherenceRulesPage() {
  const codes = useActivityCodes();
  const codeById = byId(codes.data);
  const sideOptions: Option[] = [
    ...ACTIVITY_CATEGORIES.map((c) => ({ value: `category:${c}`, label: `Any ${c}` })),
    ...(codes.data ?? []).map((c) => ({ value: `code:${c.id}`, label: `Code: ${c.name}${c.archived ? ' (archived)' : ''}` })),
  ];
  const describe = (side: RuleSideDto) => ('category' in side ? `any ${side.category}` : (codeById.get(side.activityCodeId)?.name ?? side.activityCodeId));
  const threshold = (value: number | null) => (value === null ? <span className="muted">SU default</span> : value);

  return (
    <CrudPage<AdherenceRuleDto>
      title="Adherence rules"
      noun="adherence rule"
      name="adherence-rules"
      resource={RESOURCES.adherenceRules}
      removal="delete"
      writePermission="wfm.setup.write"
      label={(r) => `${describe(r.scheduled)} → ${describe(r.actual)}`}
      intro="How a scheduled activity compares with the actual one. Empty thresholds use the scheduling unit’s."
      columns={[
        { header: 'Scheduled', cell: (r) => describe(r.scheduled) },
        { header: 'Actual', cell: (r) => describe(r.actual) },
        { header: 'Adherence', cell: (r) => r.adherence },
        { header: 'Exception threshold (s)', className: 'num', cell: (r) => threshold(r.exceptionThresholdSeconds) },
        { header: 'Alarm threshold (s)', className: 'num', cell: (r) => threshold(r.alarmThresholdSeconds) },
      ]}
      fields={() => [
        { key: 'scheduled', label: 'Scheduled', kind: 'select', required: true, options: sideOptions },
        { key: 'actual', label: 'Actual', kind: 'select', required: true, options: sideOptions },
        { key: 'adherence', label: 'Adherence', kind: 'select', required: true, options: enumOptions(['IN', 'OUT', 'NEUTRAL']) },
        { key: 'exceptionThresholdSeconds', label: 'Exception threshold (s)', kind: 'number', min: 0, max: 3600 },
        { key: 'alarmThresholdSeconds', label: 'Alarm threshold (s, 0 = off)', kind: 'number', min: 0, max: 7200 },
      ]}
      toForm={(r) => ({
        scheduled: encode(r?.scheduled) || 'category:OPEN',
        actual: encode(r?.actual) || 'category:OPEN',
        adherence: r?.adherence ?? 'IN',
        exceptionThresholdSeconds: r?.exceptionThresholdSeconds === null || r === null ? '' : String(r.exceptionThresholdSeconds),
        alarmThresholdSeconds: r?.alarmThresholdSeconds === null || r === null ? '' : String(r.alarmThresholdSeconds),
      })}
      toBody={(values) => ({
        scheduled: decode(str(values, 'scheduled'), 'scheduled'),
        actual: decode(str(values, 'actual'), 'actual'),
        adherence: str(values, 'adherence'),
        exceptionThresholdSeconds: num(values, 'exceptionThresholdSeconds') ?? null,
        alarmThresholdSeconds: num(values, 'alarmThresholdSeconds') ?? null,
      })}
    />
  );
}
