import { randomUUID } from 'node:crypto';
import { eventMappingInputSchema, eventMappingSchema, type EventMappingDto, type EventMappingInput } from '@floorplan/contracts';
import type { Queryable } from '../../../platform/db/db.js';
import { claimSource } from './claims.js';
import { conflict, selectRows, stampsOf, unprocessable, type EntitySpec, type SelectOptions, type StampRow } from './entity-http.js';

const ANY = '*';

interface MappingRow extends StampRow {
  source: string;
  event_code: string;
  reason_code: string;
  activity_code_id: string;
}

/** @example const all = await loadEventMappings(db, tenantId, { limit: 10_001, includeArchived: true }); */
export async function loadEventMappings(q: Queryable, tenantId: string, o: SelectOptions): Promise<EventMappingDto[]> {
  const rows = await selectRows<MappingRow>(q, 'event_mapping', tenantId, o, false);
  return rows.map((r) => ({
    ...stampsOf(r),
    ...claimSource(r.source),
    eventCode: r.event_code,
    reasonCode: r.reason_code,
    activityCodeId: r.activity_code_id,
  }));
}

/**
 * Mappings must target a code of the tenant (422, naming the item's field). Archived codes are
 * accepted, so a whole-set replacement can repeat mappings made before the code was archived.
 * @example await checkTargets(tx, tenantId, [m], (i) => `mappings[${i}].activityCodeId`)
 */
async function checkTargets(tx: Queryable, tenantId: string, mappings: readonly EventMappingInput[], pathOf: (i: number) => string): Promise<void> {
  const ids = [...new Set(mappings.map((m) => m.activityCodeId))];
  if (ids.length === 0) return;
  const r = await tx.query<{ id: string }>('SELECT id FROM activity_code WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tenantId, ids]);
  const ok = new Set(r.rows.map((x) => x.id));
  const i = mappings.findIndex((m) => !ok.has(m.activityCodeId));
  if (i >= 0) throw unprocessable(pathOf(i), `no activity code ${mappings[i]?.activityCodeId} in this tenant`);
}

async function writeEventMapping(tx: Queryable, tenantId: string, id: string, m: EventMappingInput, current: EventMappingDto | null): Promise<void> {
  await checkTargets(tx, tenantId, [m], () => 'activityCodeId');
  const source = m.source ?? ANY;
  const taken = await tx.query<{ id: string }>(
    'SELECT id FROM event_mapping WHERE tenant_id = $1 AND source = $2 AND event_code = $3 AND reason_code = $4 AND id <> $5',
    [tenantId, source, m.eventCode, m.reasonCode, id],
  );
  if (taken.rows[0]) throw conflict('eventCode', `(source '${source}', eventCode '${m.eventCode}', reasonCode '${m.reasonCode}') is already mapped by event mapping ${taken.rows[0].id}`);
  const fields = [source, m.eventCode, m.reasonCode, m.activityCodeId];
  if (current === null) {
    await tx.query('INSERT INTO event_mapping (tenant_id, id, source, event_code, reason_code, activity_code_id) VALUES ($1, $2, $3, $4, $5, $6)', [tenantId, id, ...fields]);
  } else {
    await tx.query('UPDATE event_mapping SET source = $3, event_code = $4, reason_code = $5, activity_code_id = $6 WHERE tenant_id = $1 AND id = $2', [tenantId, id, ...fields]);
  }
}

/**
 * Replaces the tenant's whole event mapping (§1.6, `PUT /wfm/v1/event-mappings`). A key already
 * mapped keeps its id, and its version only moves when its target changes; keys left out are
 * deleted. Returns the ids written or deleted.
 * @example await replaceEventMappings(tx, tenantId, [{ eventCode: 'AUX', reasonCode: '*', activityCodeId }])
 */
export async function replaceEventMappings(tx: Queryable, tenantId: string, mappings: readonly EventMappingInput[]): Promise<string[]> {
  await checkTargets(tx, tenantId, mappings, (i) => `mappings[${i}].activityCodeId`);
  const sources = mappings.map((m) => m.source ?? ANY);
  const events = mappings.map((m) => m.eventCode);
  const reasons = mappings.map((m) => m.reasonCode);
  const deleted = await tx.query<{ id: string }>(
    `DELETE FROM event_mapping WHERE tenant_id = $1
        AND (source, event_code, reason_code) NOT IN (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]))
      RETURNING id`,
    [tenantId, sources, events, reasons],
  );
  const written = await tx.query<{ id: string }>(
    `INSERT INTO event_mapping AS m (tenant_id, id, source, event_code, reason_code, activity_code_id)
     SELECT $1, i, s, e, r, a FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[]) AS x(i, s, e, r, a)
     ON CONFLICT (tenant_id, source, event_code, reason_code) DO UPDATE
       SET activity_code_id = EXCLUDED.activity_code_id, version = m.version + 1, updated_at = now()
       WHERE m.activity_code_id <> EXCLUDED.activity_code_id
     RETURNING m.id`,
    [tenantId, mappings.map(() => randomUUID()), sources, events, reasons, mappings.map((m) => m.activityCodeId)],
  );
  return [...deleted.rows, ...written.rows].map((r) => r.id);
}

/** ACD event mappings (§1.6): deleted, not archived (history keeps the resolved codes). */
export const eventMappingSpec: EntitySpec<EventMappingInput, EventMappingDto> = {
  path: '/wfm/v1/event-mappings',
  table: 'event_mapping',
  noun: 'event mapping',
  kind: 'eventMapping',
  input: eventMappingInputSchema,
  output: eventMappingSchema,
  mappings: true,
  load: loadEventMappings,
  write: writeEventMapping,
  retire: { kind: 'delete' },
};
