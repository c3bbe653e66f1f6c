import {
  schedulingUnitInputSchema,
  schedulingUnitSchema,
  type OperatingHours,
  type SchedulingUnit,
  type SchedulingUnitInput,
} from '@floorplan/contracts';
import { IANAZone } from 'luxon';
import type { Queryable } from '../../../platform/db/db.js';
import { archivedOf, conflict, invalid, selectRows, stampsOf, unprocessable, type EntitySpec, type SelectOptions, type StampRow } from './entity-http.js';

interface SuRow extends StampRow {
  name: string;
  time_zone: string;
  first_day_of_week: number;
  operating_hours: OperatingHours | string;
  exception_threshold_s: number;
  alarm_threshold_s: number;
  is_default: boolean;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * The zone a new SU or skill gets when none is given (§1.4): the tenant's, i.e. its default SU's;
 * a given zone must be an IANA zone luxon knows.
 * @example await resolveTimeZone(tx, tenantId, undefined) === 'Europe/Berlin'
 */
export async function resolveTimeZone(q: Queryable, tenantId: string, zone: string | undefined): Promise<string> {
  if (zone !== undefined) {
    if (!IANAZone.isValidZone(zone)) throw invalid('timeZone', `'${zone}' is not an IANA time zone`);
    return zone;
  }
  const r = await q.query<{ time_zone: string }>('SELECT time_zone FROM scheduling_unit WHERE tenant_id = $1 AND id = $1', [tenantId]);
  return r.rows[0]?.time_zone ?? 'UTC';
}

/** @example const [su] = await loadSchedulingUnits(db, tenantId, { id: tenantId, limit: 1, includeArchived: true }); */
export async function loadSchedulingUnits(q: Queryable, tenantId: string, o: SelectOptions): Promise<SchedulingUnit[]> {
  const rows = await selectRows<SuRow>(q, 'scheduling_unit', tenantId, o, true);
  return rows.map((r) => ({
    ...stampsOf(r),
    name: r.name,
    timeZone: r.time_zone,
    firstDayOfWeek: r.first_day_of_week,
    operatingHours: json(r.operating_hours),
    adherence: { exceptionThresholdSeconds: r.exception_threshold_s, alarmThresholdSeconds: r.alarm_threshold_s },
    isDefault: r.is_default,
    ...archivedOf(r),
  }));
}

async function writeSchedulingUnit(tx: Queryable, tenantId: string, id: string, s: SchedulingUnitInput, current: SchedulingUnit | null): Promise<void> {
  const zone = await resolveTimeZone(tx, tenantId, s.timeZone ?? current?.timeZone);
  const fields = [s.name, zone, s.firstDayOfWeek, JSON.stringify(s.operatingHours), s.adherence.exceptionThresholdSeconds, s.adherence.alarmThresholdSeconds];
  if (current === null) {
    await tx.query(
      `INSERT INTO scheduling_unit (tenant_id, id, name, time_zone, first_day_of_week, operating_hours, exception_threshold_s, alarm_threshold_s)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
      [tenantId, id, ...fields],
    );
  } else {
    await tx.query(
      `UPDATE scheduling_unit SET name = $3, time_zone = $4, first_day_of_week = $5, operating_hours = $6::jsonb,
              exception_threshold_s = $7, alarm_threshold_s = $8 WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, ...fields],
    );
  }
}

/** The default SU stays (422); an SU still holding employees cannot go (409). */
async function checkArchive(tx: Queryable, tenantId: string, su: SchedulingUnit): Promise<void> {
  if (su.isDefault) throw unprocessable('id', "the tenant's default scheduling unit cannot be archived");
  const r = await tx.query<{ n: string }>('SELECT count(*) AS n FROM employee WHERE tenant_id = $1 AND scheduling_unit_id = $2 AND archived_at IS NULL', [tenantId, su.id]);
  const n = Number(r.rows[0]?.n ?? 0);
  if (n > 0) throw conflict('id', `scheduling unit '${su.name}' still has ${n} employee(s); move or archive them first`);
}

/** Scheduling units (§1.3): archived, never deleted. A `PUT` without `timeZone` keeps the current zone. */
export const schedulingUnitSpec: EntitySpec<SchedulingUnitInput, SchedulingUnit> = {
  path: '/wfm/v1/scheduling-units',
  table: 'scheduling_unit',
  noun: 'scheduling unit',
  kind: 'schedulingUnit',
  input: schedulingUnitInputSchema,
  output: schedulingUnitSchema,
  uniqueName: (s) => s.name,
  load: loadSchedulingUnits,
  write: writeSchedulingUnit,
  retire: { kind: 'archive', check: checkArchive },
};
