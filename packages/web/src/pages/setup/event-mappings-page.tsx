import type { EventMappingDto } from '@floorplan/contracts';
import { byId, RESOURCES, useActivityCodes } from '../../api/lists';
import { CrudPage } from '../../components/crud-page';
import { options, str } from '../../components/form-values';
import { UnmappedEvents } from './unmapped-events';

const reasonLabel = (reason: string) => (reason === '' ? <span className="muted">(none)</span> : reason === '*' ? <span className="muted">any</span> : reason);

export function EventMappingsPage() {
  const codes = useActivityCodes();
  const codeById = byId(codes.data);
  return (
    <CrudPage<EventMappingDto>
      title="Event mappings"
      noun="event mapping"
      name="event-mappings"
      resource={RESOURCES.eventMappings}
      removal="delete"
      writePermission="wfm.setup.write"
      label={(m) => `${m.eventCode}/${m.reasonCode || '(none)'}`}
      intro="Which activity code each ACD event and reason means. Reason * matches any reason; a source only where ACDs reuse codes."
      columns={[
        { header: 'Source', cell: (m) => m.source ?? <span className="muted">any</span> },
        { header: 'Event code', cell: (m) => m.eventCode },
        { header: 'Reason code', cell: (m) => reasonLabel(m.reasonCode) },
        { header: 'Activity code', cell: (m) => codeById.get(m.activityCodeId)?.name ?? m.activityCodeId },
      ]}
      fields={() => [
        { key: 'eventCode', label: 'Event code', kind: 'text', required: true },
        { key: 'reasonCode', label: 'Reason code', kind: 'text', hint: 'empty = no reason, * = any reason' },
        { key: 'activityCodeId', label: 'Activity code', kind: 'select', required: true, options: options(codes.data ?? [], true) },
        { key: 'source', label: 'Source (ACD)', kind: 'text', hint: 'empty = any ACD' },
      ]}
      toForm={(m) => ({
        eventCode: m?.eventCode ?? '',
        reasonCode: m?.reasonCode ?? '',
        activityCodeId: m?.activityCodeId ?? codes.data?.find((c) => !c.archived)?.id ?? '',
        source: m?.source ?? '',
      })}
      toBody={(values) => ({
        eventCode: str(values, 'eventCode'),
        // Reason codes compare exactly: keep surrounding spaces out but do not otherwise touch them.
        reasonCode: str(values, 'reasonCode'),
        activityCodeId: str(values, 'activityCodeId'),
        source: str(values, 'source') || undefined,
      })}
    >
      <UnmappedEvents />
    </CrudPage>
  );
}
