// Special days (spec §5.1): a date for some skills or all, excluded from history and/or scaling that
// date's forecast. History does not refer to them, so unlike setup entities they are deleted, not
// archived; a change affects the next forecast run only.
import { randomUUID } from 'node:crypto';
import type { SpecialDay as SpecialDayDto, SpecialDayRequest } from '@floorplan/contracts';
import type { Queryable } from '../../../platform/db/db.js';
import type { SpecialDay } from './series.js';

interface Row {
  id: string;
  date: string;
  skill_ids: string[] | null;
  label: string;
  exclude_from_history: boolean;
  factor: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, to_char(date, 'YYYY-MM-DD') AS date, skill_ids, label, exclude_from_history, factor, version, created_at, updated_at`;

function toDto(r: Row): SpecialDayDto {
  return {
    id: r.id,
    date: r.date,
    skillIds: r.skill_ids,
    all: r.skill_ids === null,
    label: r.label,
    excludeFromHistory: r.exclude_from_history,
    factor: Number(r.factor),
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** @example await createSpecialDay(db, tenantId, { date: '2026-12-25', all: true, label: 'Christmas', excludeFromHistory: true, factor: 0.2 }, now); */
export async function createSpecialDay(db: Queryable, tenantId: string, body: SpecialDayRequest, now: Date): Promise<SpecialDayDto> {
  const r = await db.query<Row>(
    `INSERT INTO special_day (tenant_id, id, date, skill_ids, label, exclude_from_history, factor, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${COLUMNS}`,
    [tenantId, randomUUID(), body.date, body.all ? null : [...new Set(body.skillIds)], body.label, body.excludeFromHistory, body.factor, now],
  );
  return toDto(r.rows[0] as Row);
}

/**
 * Replaces a special day; `expectedVersion` (from `If-Match`) guards against lost updates.
 * `'stale'` when the version differs, `null` when there is no such day.
 *
 * @example
 * await updateSpecialDay(db, tenantId, id, body, now, 1);
 */
export async function updateSpecialDay(
  db: Queryable,
  tenantId: string,
  id: string,
  body: SpecialDayRequest,
  now: Date,
  expectedVersion?: number,
): Promise<SpecialDayDto | 'stale' | null> {
  const r = await db.query<Row>(
    `UPDATE special_day SET date = $3, skill_ids = $4, label = $5, exclude_from_history = $6, factor = $7, version = version + 1, updated_at = $8
      WHERE tenant_id = $1 AND id = $2 AND ($9::int IS NULL OR version = $9) RETURNING ${COLUMNS}`,
    [tenantId, id, body.date, body.all ? null : [...new Set(body.skillIds)], body.label, body.excludeFromHistory, body.factor, now, expectedVersion ?? null],
  );
  if (r.rows[0]) return toDto(r.rows[0]);
  return (await getSpecialDay(db, tenantId, id)) ? 'stale' : null;
}

/** @example await getSpecialDay(db, tenantId, id); */
export async function getSpecialDay(db: Queryable, tenantId: string, id: string): Promise<SpecialDayDto | null> {
  const r = await db.query<Row>(`SELECT ${COLUMNS} FROM special_day WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return r.rows[0] ? toDto(r.rows[0]) : null;
}

/** @example await deleteSpecialDay(db, tenantId, id); // true when it existed */
export async function deleteSpecialDay(db: Queryable, tenantId: string, id: string): Promise<boolean> {
  const r = await db.query<{ id: string }>('DELETE FROM special_day WHERE tenant_id = $1 AND id = $2 RETURNING id', [tenantId, id]);
  return r.rows.length > 0;
}

/**
 * Special days by date then id; the cursor is the last item's `date|id`.
 *
 * @example
 * await listSpecialDays(db, tenantId, { from: '2026-01-01', limit: 100 });
 */
export async function listSpecialDays(
  db: Queryable,
  tenantId: string,
  q: { from?: string; to?: string; skillId?: string; limit: number; after?: { date: string; id: string } },
): Promise<SpecialDayDto[]> {
  const r = await db.query<Row>(
    `SELECT ${COLUMNS} FROM special_day
      WHERE tenant_id = $1 AND ($2::date IS NULL OR date >= $2) AND ($3::date IS NULL OR date <= $3)
        AND ($4::uuid IS NULL OR skill_ids IS NULL OR $4 = ANY(skill_ids))
        AND ($5::date IS NULL OR (date, id) > ($5::date, $6::uuid))
      ORDER BY date, id LIMIT $7`,
    [tenantId, q.from ?? null, q.to ?? null, q.skillId ?? null, q.after?.date ?? null, q.after?.id ?? null, q.limit],
  );
  return r.rows.map(toDto);
}

/**
 * The special days of one skill in `[from, to]`, in the forecasting model's shape. Several entries on
 * one date all apply: any exclusion excludes, factors multiply.
 *
 * @example
 * await specialDaysOfSkill(db, tenantId, skillId, '2026-01-01', '2026-03-31');
 */
export async function specialDaysOfSkill(db: Queryable, tenantId: string, skillId: string, from: string, to: string): Promise<SpecialDay[]> {
  const rows = await listSpecialDays(db, tenantId, { from, to, skillId, limit: 100_000 });
  return rows.map((d) => ({ date: d.date, label: d.label, excludeFromHistory: d.excludeFromHistory, factor: d.factor }));
}
