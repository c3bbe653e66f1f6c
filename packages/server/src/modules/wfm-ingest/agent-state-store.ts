import type { AgentState } from '@floorplan/contracts';
import type { Queryable } from '../../platform/db/db.js';
import { classifyStates, fromMicros, type CurrentMark, type StoredState } from './state-order.js';
import type { UnmappedTracker } from './unmapped-tracker.js';
import { isFlagged, seenKeys, type UnmappedKey } from './unmapped.js';

export interface StoredStateFull extends StoredState {
  acdId: string;
}

export interface AgentStatesOutcome {
  accepted: number;
  duplicates: number;
  flagged: number;
  forward: StoredStateFull[];
  late: StoredStateFull[];
  firstSeenUnmapped: UnmappedKey[];
}

const micros = 'round(extract(epoch FROM event_utc_time) * 1000000)::bigint';

/**
 * Stores a batch of agent states in one transaction (spec §4.2, §4.3): history rows deduplicated by
 * key, the current state moved forward only, unmapped keys recorded. Concurrent batches for the
 * same agent are serialised from the current-state step to commit by a transaction-scoped advisory
 * lock per agent, so "late" is exact while pipelined batches still overlap their history inserts.
 */
export async function storeAgentStates(
  tx: Queryable,
  tenantId: string,
  states: readonly AgentState[],
  at: Date,
  unmappedTracker: UnmappedTracker,
): Promise<AgentStatesOutcome> {
  const inserted = await tx.query<{ login_id: string; micros: number; event_code: string; reason_code: string; acd_id: string; arrival: number }>(
    `INSERT INTO acd_agent_state (tenant_id, login_id, event_utc_time, event_code, reason_code, acd_id, accepted_at)
     SELECT $1, l, t, e, r, a, $7 FROM unnest($2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[]) AS s(l, t, e, r, a)
     ON CONFLICT DO NOTHING
     RETURNING login_id, ${micros} AS micros, event_code, reason_code, acd_id, arrival`,
    [
      tenantId,
      states.map((s) => s.loginId),
      states.map((s) => s.eventUtcTime),
      states.map((s) => s.eventCode),
      states.map((s) => s.reasonCode),
      states.map((s) => s.acdId),
      at,
    ],
  );
  const rows: StoredStateFull[] = inserted.rows.map((r) => ({
    loginId: r.login_id,
    eventMicros: Number(r.micros),
    eventCode: r.event_code,
    reasonCode: r.reason_code,
    acdId: r.acd_id,
    arrival: Number(r.arrival),
  }));
  if (rows.length === 0) return { accepted: 0, duplicates: states.length, flagged: 0, forward: [], late: [], firstSeenUnmapped: [] };
  // A state's source is its ACD: a login or event may be mapped for one ACD and not another.
  const seen = seenKeys('login');
  for (const s of rows) {
    seen.addAgent(s.acdId, s.loginId);
    seen.addEvent(s.acdId, s.loginId, s.eventCode, s.reasonCode);
  }
  const unmapped = await unmappedTracker.observe(tx, tenantId, seen.seen, at);
  // The history insert needs no lock (its primary key dedupes). Only "which of these moved the
  // current state forward" does: lock the batch's agents from here to commit, in one global order.
  const logins = [...new Set(rows.map((s) => s.loginId))].sort();
  // One round trip: the locks are taken (in hash order, so two batches never deadlock) before the
  // current rows are read, because the outer query needs the aggregate first.
  const current = await tx.query<{ login_id: string; micros: number; arrival: number }>(
    `SELECT c.login_id, ${micros} AS micros, c.arrival
       FROM (SELECT count(pg_advisory_xact_lock(h)) AS n FROM (
               SELECT DISTINCT hashtextextended($1::text || ':' || l, 7262554) AS h FROM unnest($2::text[]) AS l ORDER BY 1
             ) x) locked
       JOIN acd_agent_current c ON locked.n >= 0 AND c.tenant_id = $1::uuid AND c.login_id = ANY($2::text[])`,
    [tenantId, logins],
  );
  const before = new Map<string, CurrentMark>(
    current.rows.map((r) => [r.login_id, { eventMicros: Number(r.micros), arrival: Number(r.arrival) }]),
  );
  const { forward, late, latest } = classifyStates(rows, before);
  if (latest.size > 0) {
    const l = [...latest.values()] as StoredStateFull[];
    await tx.query(
      `INSERT INTO acd_agent_current AS c (tenant_id, login_id, event_utc_time, event_code, reason_code, acd_id, arrival, accepted_at)
       SELECT $1, l, t, e, r, a, n, $8 FROM unnest($2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::bigint[]) AS s(l, t, e, r, a, n)
       ON CONFLICT (tenant_id, login_id) DO UPDATE SET event_utc_time = EXCLUDED.event_utc_time, event_code = EXCLUDED.event_code,
         reason_code = EXCLUDED.reason_code, acd_id = EXCLUDED.acd_id, arrival = EXCLUDED.arrival, accepted_at = EXCLUDED.accepted_at
       WHERE (c.event_utc_time, c.arrival) < (EXCLUDED.event_utc_time, EXCLUDED.arrival)`,
      [
        tenantId,
        l.map((s) => s.loginId),
        l.map((s) => fromMicros(s.eventMicros)),
        l.map((s) => s.eventCode),
        l.map((s) => s.reasonCode),
        l.map((s) => s.acdId),
        l.map((s) => s.arrival),
        at,
      ],
    );
  }
  return {
    accepted: rows.length,
    duplicates: states.length - rows.length,
    flagged: rows.filter((s) => isFlagged(unmapped.flagged, s.acdId, s.loginId, s.eventCode, s.reasonCode)).length,
    forward: forward as StoredStateFull[],
    late: late as StoredStateFull[],
    firstSeenUnmapped: unmapped.firstSeen,
  };
}
