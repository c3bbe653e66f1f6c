import type { Queryable } from '../../../platform/db/db.js';
import { AppError } from '../../../platform/http/app-error.js';
import type { ResolvedCoverage, ResolvedSegment } from './validate-schedule.js';

/** A publication to write: its employee-dates are replaced by `segments` (none = days off). */
export interface Publication {
  readonly tenantId: string;
  readonly kind: 'IMPORT' | 'DAY_EDIT';
  readonly importId: string | null;
  readonly coverage: ResolvedCoverage;
  readonly segments: readonly ResolvedSegment[];
}

/**
 * Takes the tenant's publication lock for the rest of the transaction, so two publications of a
 * tenant never read the same `max(version)`. Other tenants publish concurrently.
 * @example await db.transaction(async (tx) => { await lockPublications(tx, tenantId); ... });
 */
export async function lockPublications(tx: Queryable, tenantId: string): Promise<void> {
  await tx.query(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('floorplan.schedule.' || $1::text))) AS l`, [tenantId]);
}

/**
 * Writes version `max + 1` inside `tx` (which must hold {@link lockPublications}): closes the
 * current rows of every covered employee-date, then inserts the covered days and the new segments.
 * @example const version = await writePublication(tx, { tenantId, kind: 'DAY_EDIT', importId: null, coverage, segments });
 */
export async function writePublication(tx: Queryable, p: Publication): Promise<number> {
  const { tenantId, coverage } = p;
  const ids = [...coverage.employeeIds];
  const v = await tx.query<{ version: number }>(
    `INSERT INTO schedule_version (tenant_id, version, kind, import_id, employee_ids, from_date, to_date)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4::uuid[], $5::date, $6::date FROM schedule_version WHERE tenant_id = $1
     RETURNING version`,
    [tenantId, p.kind, p.importId, ids, coverage.fromDate, coverage.toDate],
  );
  const version = (v.rows[0] as { version: number }).version;
  for (const table of ['schedule_day', 'schedule_segment']) {
    await tx.query(
      `UPDATE ${table} SET valid_to_version = $5
        WHERE tenant_id = $1 AND employee_id = ANY($2::uuid[]) AND date BETWEEN $3::date AND $4::date AND valid_to_version IS NULL`,
      [tenantId, ids, coverage.fromDate, coverage.toDate, version],
    );
  }
  await tx.query(
    `INSERT INTO schedule_day (tenant_id, employee_id, date, valid_from_version)
     SELECT $1, e, d::date, $5 FROM unnest($2::uuid[]) AS e CROSS JOIN generate_series($3::date, $4::date, interval '1 day') AS d`,
    [tenantId, ids, coverage.fromDate, coverage.toDate, version],
  );
  // Bounded batches keep each statement's arrays a reasonable size on very large imports.
  for (let i = 0; i < p.segments.length; i += 5000) {
    const batch = p.segments.slice(i, i + 5000);
    await tx.query(
      `INSERT INTO schedule_segment (tenant_id, employee_id, date, activity_code_id, start_at, end_at, valid_from_version)
       SELECT $1, s.e, s.d, s.c, s.st, s.en, $2
         FROM unnest($3::uuid[], $4::date[], $5::uuid[], $6::timestamptz[], $7::timestamptz[]) AS s(e, d, c, st, en)`,
      [
        tenantId,
        version,
        batch.map((s) => s.employeeId),
        batch.map((s) => s.date),
        batch.map((s) => s.activityCodeId),
        batch.map((s) => new Date(s.start).toISOString()),
        batch.map((s) => new Date(s.end).toISOString()),
      ],
    );
  }
  return version;
}

/**
 * The tenant's newest version, or null before the first publication.
 * @example const v = await currentVersion(db, tenantId);
 */
export async function currentVersion(db: Queryable, tenantId: string): Promise<number | null> {
  const r = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schedule_version WHERE tenant_id = $1', [tenantId]);
  return r.rows[0]?.version ?? null;
}

/** Raw published rows of some employees and dates as they stood at `version`. */
export async function loadScheduleAsOf(
  db: Queryable,
  tenantId: string,
  q: { employeeIds: readonly string[]; fromDate: string; toDate: string; version: number },
): Promise<{
  segments: { employeeId: string; date: string; activityCodeId: string; start: number; end: number }[];
  days: { employeeId: string; date: string }[];
}> {
  const params = [tenantId, [...q.employeeIds], q.fromDate, q.toDate, q.version];
  const valid = 'valid_from_version <= $5 AND (valid_to_version IS NULL OR valid_to_version > $5)';
  const segments = await db.query<{ employee_id: string; date: string; activity_code_id: string; start_at: Date; end_at: Date }>(
    `SELECT employee_id, to_char(date, 'YYYY-MM-DD') AS date, activity_code_id, start_at, end_at FROM schedule_segment
      WHERE tenant_id = $1 AND employee_id = ANY($2::uuid[]) AND date BETWEEN $3::date AND $4::date AND ${valid}
      ORDER BY employee_id, start_at, end_at`,
    params,
  );
  const days = await db.query<{ employee_id: string; date: string }>(
    `SELECT employee_id, to_char(date, 'YYYY-MM-DD') AS date FROM schedule_day
      WHERE tenant_id = $1 AND employee_id = ANY($2::uuid[]) AND date BETWEEN $3::date AND $4::date AND ${valid}
      ORDER BY employee_id, date`,
    params,
  );
  return {
    segments: segments.rows.map((r) => ({
      employeeId: r.employee_id,
      date: r.date,
      activityCodeId: r.activity_code_id,
      start: new Date(r.start_at).getTime(),
      end: new Date(r.end_at).getTime(),
    })),
    days: days.rows.map((r) => ({ employeeId: r.employee_id, date: r.date })),
  };
}

/** Throws 404 naming what was not found. */
export function notFound(what: string, path = ''): never {
  throw new AppError('NOT_FOUND', `${what} not found`, [{ path, message: `${what} not found` }]);
}
