import type { UnmappedEvent } from '@floorplan/contracts';
import { useAuth } from '../../api/auth';
import { RESOURCES, useActivityCodes } from '../../api/lists';
import { useResourceWrites } from '../../api/mutations';
import { DataTable, type Column } from '../../components/data-table';
import { formatInstant, options } from '../../components/form-values';
import { OutcomeBanner, useOutcome } from '../../components/outcome';
import { PickAction } from '../../components/pick-action';
import { useUnmapped } from './use-unmapped';

const key = (row: UnmappedEvent) => `${row.eventCode}\u0000${row.reasonCode}\u0000${row.source ?? ''}`;
const describe = (row: UnmappedEvent) => `${row.eventCode}/${row.reasonCode || '(none)'}`;

/**
 * (event, reason) pairs no mapping covers, per ACD (source), each with one-click "map to…". The
 * mapping it makes is for any source: what an admin wants unless ACDs reuse codes differently.
 */
export function UnmappedEvents() {
  const { permissions } = useAuth();
  const unmapped = useUnmapped<UnmappedEvent>('unmapped-events');
  const codes = useActivityCodes();
  const writes = useResourceWrites(RESOURCES.eventMappings);
  const { outcome, run } = useOutcome();
  const codeOptions = options(codes.data ?? []);

  const map = (row: UnmappedEvent, activityCodeId: string) =>
    run(async () => {
      await writes.create({ eventCode: row.eventCode, reasonCode: row.reasonCode, activityCodeId });
      await unmapped.refetch();
      return `${describe(row)} mapped to ${codeOptions.find((o) => o.value === activityCodeId)?.label ?? 'the code'}.`;
    }, `Could not map ${describe(row)}`);

  const columns: Column<UnmappedEvent>[] = [
    { header: 'Event code', cell: (r) => r.eventCode },
    { header: 'Reason code', cell: (r) => r.reasonCode || <span className="muted">(none)</span> },
    { header: 'Source', cell: (r) => r.source ?? '' },
    { header: 'Sample login', cell: (r) => r.sampleLoginId ?? '' },
    { header: 'Last seen', cell: (r) => formatInstant(r.lastSeen) },
    { header: 'Count', className: 'num', cell: (r) => r.count },
  ];
  if (permissions.has('wfm.setup.write')) {
    columns.push({
      header: 'Map to…',
      className: 'actions',
      cell: (r) => <PickAction label={`Activity code for ${describe(r)}`} options={codeOptions} buttonLabel="Map" testid="map-event" onApply={(id) => map(r, id)} />,
    });
  }

  return (
    <section className="panel" aria-label="Unmapped events">
      <h2>Unmapped events</h2>
      <OutcomeBanner outcome={outcome} />
      {unmapped.data && unmapped.data.length > 0 ? (
        <>
          <p className="muted">The ACD sent these events, but no mapping covers them: agents in them show as not calculated on the board.</p>
          <DataTable name="unmapped-events" rows={unmapped.data} rowKey={key} empty="None." columns={columns} />
        </>
      ) : (
        <p className="muted" data-testid="unmapped-events-none">
          {unmapped.isLoading ? 'Loading…' : 'Every event the ACD sent is mapped.'}
        </p>
      )}
    </section>
  );
}
