import type { Queryable } from '../../platform/db/db.js';

export interface UnmappedKey {
  kind: 'login' | 'agent' | 'event';
  key: string;
  reasonCode: string;
}

export interface SeenKeys {
  /** Login ids (agent states) or agent values (reports) with how many events carried each. */
  agents: Map<string, number>;
  agentKind: 'login' | 'agent';
  /** `eventCode\u0000reasonCode` with counts. */
  events: Map<string, number>;
}

const sep = '\u0000';
export const eventKey = (eventCode: string, reasonCode: string) => `${eventCode}${sep}${reasonCode}`;

/**
 * Records keys that have no mapping (spec §4.4) and returns those seen for the first time. Login ids
 * map through employees' ACD logins (any source); events through the event mapping by exact
 * (event, reason) pair, else the event's `*` row (any source).
 */
export async function recordUnmapped(tx: Queryable, tenantId: string, seen: SeenKeys, at: Date): Promise<{ firstSeen: UnmappedKey[]; flagged: Set<string> }> {
  const agentKeys = [...seen.agents.keys()];
  const eventPairs = [...seen.events.keys()].map((k) => k.split(sep) as [string, string]);
  const result = await tx.query<{ kind: UnmappedKey['kind']; key: string; reason_code: string; first: boolean }>(
    `WITH agents AS (
       SELECT a.key, a.n FROM unnest($2::text[], $3::bigint[]) AS a(key, n)
        WHERE NOT EXISTS (SELECT 1 FROM employee_acd_login m WHERE m.tenant_id = $1 AND m.login_id = a.key)
     ), events AS (
       SELECT e.code, e.reason, e.n FROM unnest($5::text[], $6::text[], $7::bigint[]) AS e(code, reason, n)
        WHERE NOT EXISTS (SELECT 1 FROM event_mapping m WHERE m.tenant_id = $1 AND m.event_code = e.code
                            AND (m.reason_code = e.reason OR m.reason_code = '*'))
     ), keys AS (
       SELECT $4::text AS kind, key, '' AS reason_code, n FROM agents
       UNION ALL SELECT 'event', code, reason, n FROM events
     )
     INSERT INTO acd_unmapped AS u (tenant_id, kind, key, reason_code, first_seen_at, last_seen_at, count)
     SELECT $1, kind, key, reason_code, $8, $8, n FROM keys
     ON CONFLICT (tenant_id, kind, key, reason_code) DO UPDATE
       SET last_seen_at = greatest(u.last_seen_at, EXCLUDED.last_seen_at), count = u.count + EXCLUDED.count
     RETURNING kind, key, reason_code, (xmax = 0) AS first`,
    [
      tenantId,
      agentKeys,
      agentKeys.map((k) => seen.agents.get(k) ?? 0),
      seen.agentKind,
      eventPairs.map((p) => p[0]),
      eventPairs.map((p) => p[1]),
      [...seen.events.values()],
      at,
    ],
  );
  return {
    firstSeen: result.rows.filter((r) => r.first).map((r) => ({ kind: r.kind, key: r.key, reasonCode: r.reason_code })),
    flagged: new Set(result.rows.map((r) => (r.kind === 'event' ? `e${sep}${eventKey(r.key, r.reason_code)}` : `a${sep}${r.key}`))),
  };
}

/** Whether a state or activity was flagged: its agent or its event had no mapping. */
export function isFlagged(flagged: Set<string>, agent: string, eventCode: string, reasonCode: string): boolean {
  return flagged.has(`a${sep}${agent}`) || flagged.has(`e${sep}${eventKey(eventCode, reasonCode)}`);
}
