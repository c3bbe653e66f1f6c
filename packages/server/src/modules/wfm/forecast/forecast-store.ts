// Storage of forecast runs (spec §5.6): one `forecast_run` per skill and version, its intervals in
// `forecast_interval`. A new ACTIVE run supersedes the previous one in the same transaction; FAILED and
// INSUFFICIENT_HISTORY runs are kept for the record and leave the active one in place. Old versions
// stay as snapshots the accuracy endpoint scores.
import { randomUUID } from 'node:crypto';
import type { CandidateMetrics, ForecastRun } from '@floorplan/contracts';
import type { Db, Queryable } from '../../../platform/db/db.js';

export type RunStatus = ForecastRun['status'];

/** A run to store; `intervals` only for ACTIVE runs. */
export interface NewRun {
  skillId: string;
  method: ForecastRun['method'];
  requestedMethod: string | null;
  params: Record<string, unknown>;
  paradigm: 'WCE' | 'TTI';
  historyFrom: string | null;
  historyTo: string | null;
  horizonFrom: string;
  horizonDays: number;
  backtest: CandidateMetrics[];
  status: 'ACTIVE' | 'FAILED' | 'INSUFFICIENT_HISTORY';
  error: string | null;
  intervals: readonly { start: number; contacts: number; ahtSeconds: number | null }[];
}

interface RunRow {
  id: string;
  skill_id: string;
  version: number;
  method: ForecastRun['method'];
  requested_method: string | null;
  params: Record<string, unknown>;
  paradigm: 'WCE' | 'TTI';
  history_from: string | null;
  history_to: string | null;
  horizon_from: string;
  horizon_days: number;
  backtest: CandidateMetrics[] | Record<string, never>;
  status: RunStatus;
  error: string | null;
  created_at: Date;
}

const RUN_COLUMNS = `id, skill_id, version, method, requested_method, params, paradigm,
  to_char(history_from, 'YYYY-MM-DD') AS history_from, to_char(history_to, 'YYYY-MM-DD') AS history_to,
  to_char(horizon_from, 'YYYY-MM-DD') AS horizon_from, horizon_days, backtest, status, error, created_at`;

function toRun(r: RunRow): ForecastRun {
  return {
    id: r.id,
    skillId: r.skill_id,
    version: r.version,
    method: r.method,
    requestedMethod: r.requested_method,
    paradigm: r.paradigm,
    params: r.params,
    historyFrom: r.history_from,
    historyTo: r.history_to,
    horizonFrom: r.horizon_from,
    horizonDays: r.horizon_days,
    backtest: Array.isArray(r.backtest) ? r.backtest : [],
    status: r.status,
    error: r.error,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/**
 * Stores a run as the skill's next version. An ACTIVE run supersedes the previous ACTIVE one; the
 * skill's runs are serialised by a transaction-scoped advisory lock so concurrent runs get distinct
 * versions.
 *
 * @example
 * const run = await storeRun(db, tenantId, { skillId, method: 'WHI', status: 'ACTIVE', intervals, ... });
 */
export async function storeRun(db: Db, tenantId: string, run: NewRun, now: Date): Promise<ForecastRun> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`forecast:${tenantId}:${run.skillId}`]);
    const next = await tx.query<{ version: number }>(
      'SELECT coalesce(max(version), 0) + 1 AS version FROM forecast_run WHERE tenant_id = $1 AND skill_id = $2',
      [tenantId, run.skillId],
    );
    const version = next.rows[0]?.version ?? 1;
    if (run.status === 'ACTIVE') {
      await tx.query(`UPDATE forecast_run SET status = 'SUPERSEDED' WHERE tenant_id = $1 AND skill_id = $2 AND status = 'ACTIVE'`, [tenantId, run.skillId]);
    }
    const id = randomUUID();
    const inserted = await tx.query<RunRow>(
      `INSERT INTO forecast_run (tenant_id, id, skill_id, version, method, requested_method, params, paradigm, history_from, history_to,
                                 horizon_from, horizon_days, backtest, status, error, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       RETURNING ${RUN_COLUMNS}`,
      [tenantId, id, run.skillId, version, run.method ?? 'WHI', run.requestedMethod, JSON.stringify(run.params), run.paradigm, run.historyFrom,
        run.historyTo, run.horizonFrom, run.horizonDays, JSON.stringify(run.backtest), run.status, run.error, now],
    );
    if (run.status === 'ACTIVE' && run.intervals.length > 0) await insertIntervals(tx, tenantId, id, run.intervals);
    const row = inserted.rows[0];
    if (!row) throw new Error('forecast_run insert returned no row');
    // A failed run has no method; the column needs one, so the wire shows null for it.
    return { ...toRun(row), method: run.method };
  });
}

async function insertIntervals(tx: Queryable, tenantId: string, runId: string, intervals: NewRun['intervals']): Promise<void> {
  const chunk = 5000;
  for (let i = 0; i < intervals.length; i += chunk) {
    const part = intervals.slice(i, i + chunk);
    await tx.query(
      `INSERT INTO forecast_interval (tenant_id, run_id, interval_start, contacts, aht_seconds)
       SELECT $1, $2, s, c, a FROM unnest($3::timestamptz[], $4::float8[], $5::float8[]) AS u(s, c, a)`,
      [tenantId, runId, part.map((p) => new Date(p.start)), part.map((p) => p.contacts), part.map((p) => p.ahtSeconds)],
    );
  }
}

/**
 * Runs of a skill, newest first; `beforeVersion` is the keyset cursor.
 *
 * @example
 * await listRuns(db, tenantId, skillId, { limit: 100 });
 */
export async function listRuns(db: Queryable, tenantId: string, skillId: string, page: { limit: number; beforeVersion?: number }): Promise<ForecastRun[]> {
  const r = await db.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM forecast_run WHERE tenant_id = $1 AND skill_id = $2 AND ($3::int IS NULL OR version < $3)
      ORDER BY version DESC LIMIT $4`,
    [tenantId, skillId, page.beforeVersion ?? null, page.limit],
  );
  return r.rows.map(fromStored);
}

/**
 * The skill's run of `version`, or its ACTIVE run when no version is given; `null` when there is none.
 *
 * @example
 * await findRun(db, tenantId, skillId); // the active run
 */
export async function findRun(db: Queryable, tenantId: string, skillId: string, version?: number): Promise<ForecastRun | null> {
  const r = await db.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM forecast_run WHERE tenant_id = $1 AND skill_id = $2 AND ${version === undefined ? `status = 'ACTIVE'` : 'version = $3'}`,
    version === undefined ? [tenantId, skillId] : [tenantId, skillId, version],
  );
  const row = r.rows[0];
  return row ? fromStored(row) : null;
}

/** Failed runs store a placeholder method; the wire says null. */
function fromStored(row: RunRow): ForecastRun {
  const run = toRun(row);
  return run.status === 'FAILED' || run.status === 'INSUFFICIENT_HISTORY' ? { ...run, method: null } : run;
}

/**
 * Intervals of a run in `[fromMs, toMs)`, ascending.
 *
 * @example
 * await readRunIntervals(db, tenantId, run.id, { fromMs, toMs });
 */
export async function readRunIntervals(
  db: Queryable,
  tenantId: string,
  runId: string,
  range: { fromMs?: number; toMs?: number } = {},
): Promise<{ start: number; contacts: number; ahtSeconds: number | null }[]> {
  const r = await db.query<{ interval_start: Date; contacts: number; aht_seconds: number | null }>(
    `SELECT interval_start, contacts, aht_seconds FROM forecast_interval
      WHERE tenant_id = $1 AND run_id = $2 AND ($3::timestamptz IS NULL OR interval_start >= $3) AND ($4::timestamptz IS NULL OR interval_start < $4)
      ORDER BY interval_start`,
    [tenantId, runId, range.fromMs === undefined ? null : new Date(range.fromMs), range.toMs === undefined ? null : new Date(range.toMs)],
  );
  return r.rows.map((row) => ({ start: new Date(row.interval_start).getTime(), contacts: Number(row.contacts), ahtSeconds: row.aht_seconds === null ? null : Number(row.aht_seconds) }));
}
