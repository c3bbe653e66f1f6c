import type { Skill, UnmappedQueue } from '@floorplan/contracts';
import { RESOURCES } from '../../api/lists';
import { CrudPage } from '../../components/crud-page';
import { DataTable } from '../../components/data-table';
import { enumOptions, formatInstant, formatQualified, num, parseQualified, str } from '../../components/form-values';
import { useUnmapped } from './use-unmapped';

const CHANNELS = ['VOICE', 'CHAT', 'SMS', 'EMAIL', 'SOCIAL', 'WORK_ITEM', 'OUTBOUND'];

/** Queues in the stored reports that no skill lists: add them to a skill's ACD queues. */
function UnmappedQueues() {
  const unmapped = useUnmapped<UnmappedQueue>('unmapped-queues');
  if (!unmapped.data || unmapped.data.length === 0) return null;
  return (
    <section className="panel">
      <h2>Unmapped ACD queues</h2>
      <p className="muted">Queue reports arrive for these queues, but no skill lists them: add them to a skill’s ACD queues.</p>
      <DataTable
        name="unmapped-queues"
        rows={unmapped.data}
        rowKey={(q) => q.queueValue}
        empty="None."
        columns={[
          { header: 'Queue', cell: (q) => q.queueValue },
          { header: 'Name', cell: (q) => q.queueName },
          { header: 'Paradigms', cell: (q) => q.paradigms.join(', ') },
          { header: 'Last window', cell: (q) => formatInstant(q.lastWindowEnd) },
          { header: 'Rows', className: 'num', cell: (q) => q.rows },
        ]}
      />
    </section>
  );
}

export function SkillsPage() {
  return (
    <CrudPage<Skill>
      title="Skills"
      noun="skill"
      name="skills"
      resource={RESOURCES.skills}
      removal="archive"
      writePermission="wfm.setup.write"
      label={(s) => s.name}
      columns={[
        { header: 'Name', cell: (s) => <><span className="swatch" style={{ background: s.color }} aria-hidden="true" /> {s.name}</> },
        { header: 'Channel', cell: (s) => s.channel },
        { header: 'Category', cell: (s) => s.category },
        { header: 'ACD queues', cell: (s) => formatQualified(s.acdQueues, (q) => q.queueValue) || <span className="muted">none</span> },
        { header: 'Service level goal', cell: (s) => (s.serviceLevelGoal ? `${s.serviceLevelGoal.percent} % in ${s.serviceLevelGoal.seconds} s` : '—') },
        { header: 'Paradigm', cell: (s) => s.paradigm },
        { header: 'Time zone', cell: (s) => s.timeZone },
      ]}
      fields={() => [
        { key: 'name', label: 'Name', kind: 'text', required: true },
        { key: 'channel', label: 'Channel', kind: 'select', required: true, options: enumOptions(CHANNELS) },
        { key: 'category', label: 'Category', kind: 'select', options: enumOptions(['REAL_TIME', 'DEFERRABLE']), hint: 'empty = by channel' },
        { key: 'acdQueues', label: 'ACD queues', kind: 'text', wide: true, hint: 'Comma-separated queue values; source:value only where ACDs reuse values.' },
        { key: 'serviceLevelGoal.percent', label: 'SL goal %', kind: 'number', min: 1, max: 100, paths: ['serviceLevelGoal'] },
        { key: 'serviceLevelGoal.seconds', label: 'SL goal seconds', kind: 'number', min: 0 },
        { key: 'shortAbandonThresholdSeconds', label: 'Short abandon (s)', kind: 'number', min: 0, max: 3600 },
        { key: 'paradigm', label: 'Paradigm', kind: 'select', required: true, options: enumOptions(['WCE', 'TTI']) },
        { key: 'timeZone', label: 'Time zone (IANA)', kind: 'text', hint: 'empty = the tenant’s' },
        { key: 'color', label: 'Colour', kind: 'color' },
        { key: 'staffing.model', label: 'Staffing model', kind: 'select', required: true, options: enumOptions(['ERLANG_C', 'ERLANG_A']), paths: ['staffing'] },
        { key: 'staffing.maxOccupancy', label: 'Max occupancy (0.5–1)', kind: 'number', step: '0.01' },
        { key: 'staffing.shrinkage', label: 'Shrinkage (0–0.9)', kind: 'number', step: '0.01' },
        { key: 'staffing.concurrency', label: 'Concurrency', kind: 'number', min: 1, max: 20 },
        { key: 'staffing.patienceSeconds', label: 'Patience (s, Erlang A)', kind: 'number' },
      ]}
      toForm={(s) => ({
        name: s?.name ?? '',
        channel: s?.channel ?? 'VOICE',
        category: s?.category ?? '',
        acdQueues: s ? formatQualified(s.acdQueues, (q) => q.queueValue) : '',
        'serviceLevelGoal.percent': s?.serviceLevelGoal ? String(s.serviceLevelGoal.percent) : '',
        'serviceLevelGoal.seconds': s?.serviceLevelGoal ? String(s.serviceLevelGoal.seconds) : '',
        shortAbandonThresholdSeconds: String(s?.shortAbandonThresholdSeconds ?? 5),
        paradigm: s?.paradigm ?? 'WCE',
        timeZone: s?.timeZone ?? '',
        color: s?.color ?? '#4060c0',
        'staffing.model': s?.staffing.model ?? 'ERLANG_C',
        'staffing.maxOccupancy': String(s?.staffing.maxOccupancy ?? 0.9),
        'staffing.shrinkage': String(s?.staffing.shrinkage ?? 0),
        'staffing.concurrency': String(s?.staffing.concurrency ?? 1),
        'staffing.patienceSeconds': s?.staffing.patienceSeconds === undefined ? '' : String(s.staffing.patienceSeconds),
      })}
      toBody={(values, editing) => {
        const percent = num(values, 'serviceLevelGoal.percent');
        const seconds = num(values, 'serviceLevelGoal.seconds');
        const channel = str(values, 'channel');
        return {
          name: str(values, 'name'),
          channel,
          category: str(values, 'category') || undefined,
          acdQueues: parseQualified(values, 'acdQueues', 'queueValue'),
          // Both empty = the category's default goal; outbound skills have none.
          serviceLevelGoal: channel === 'OUTBOUND' ? null : percent === undefined && seconds === undefined ? undefined : { percent, seconds },
          shortAbandonThresholdSeconds: num(values, 'shortAbandonThresholdSeconds'),
          paradigm: str(values, 'paradigm'),
          timeZone: str(values, 'timeZone') || undefined,
          color: str(values, 'color') || undefined,
          staffing: {
            model: str(values, 'staffing.model'),
            maxOccupancy: num(values, 'staffing.maxOccupancy'),
            shrinkage: num(values, 'staffing.shrinkage'),
            concurrency: num(values, 'staffing.concurrency'),
            patienceSeconds: num(values, 'staffing.patienceSeconds'),
            // Not edited here: keep what the skill has.
            fractional: editing?.staffing.fractional,
          },
        };
      }}
    >
      <UnmappedQueues />
    </CrudPage>
  );
}
