import type { Queryable } from '../../platform/db/db.js';

export interface UnmappedKey {
  kind: 'login' | 'agent' | 'event';
  /** The ACD the key came from: an agent state's `acdId`, a report's `acdType` ('' when none was sent). */
  source: string;
  key: string;
  reasonCode: string;
}

export interface SeenEvent {
  n: number;
  /** One login (agent states) or agent value (reports) that carried the event. */
  sampleLoginId: string;
}

export interface SeenKeys {
  /** `agentKey(source, loginId or agentValue)` with how many events carried each. */
  agents: Map<string, number>;
  agentKind: 'login' | 'agent';
  /** `eventKey(source, eventCode, reasonCode)` with counts and a sample login. */
  events: Map<string, SeenEvent>;
}

const sep = '\u0000';
export const agentKey = (source: string, agent: string) => `${source}${sep}${agent}`;
export const eventKey = (source: string, eventCode: string, reasonCode: string) => `${source}${sep}${eventCode}${sep}${reasonCode}`;
export const splitKey = (k: string) => k.split(sep);

/** An empty set of seen keys; `add` counts one row (a state or an activity) of `source`. */
export function seenKeys(agentKind: SeenKeys['agentKind']) {
  const seen: SeenKeys = { agents: new Map(), agentKind, events: new Map() };
  return {
    seen,
    addAgent(source: string, agent: string, n = 1): void {
      const k = agentKey(source, agent);
      seen.agents.set(k, (seen.agents.get(k) ?? 0) + n);
    },
    addEvent(source: string, agent: string, eventCode: string, reasonCode: string): void {
      const k = eventKey(source, eventCode, reasonCode);
      const cur = seen.events.get(k);
      if (cur) cur.n++;
      else seen.events.set(k, { n: 1, sampleLoginId: agent });
    },
  };
}

/** The flag of an unmapped key, as `recordUnmapped` and the tracker put it in their `flagged` sets. */
export const agentFlag = (source: string, agent: string) => `a${sep}${agentKey(source, agent)}`;
export const eventFlag = (source: string, eventCode: string, reasonCode: string) => `e${sep}${eventKey(source, eventCode, reasonCode)}`;

/**
 * Records keys that have no mapping (spec §4.4) and returns those seen for the first time. A key is
 * judged for its source like the engine resolves it (wfm-engine §1.2, §1.6): a login maps through an
 * employee's ACD login of that source or of `*`; an event through a mapping of that source or `*`
 * for the exact reason or `*`.
 */
export async function recordUnmapped(tx: Queryable, tenantId: string, seen: SeenKeys, at: Date): Promise<{ firstSeen: UnmappedKey[]; flagged: Set<string> }> {
  const agents = [...seen.agents].map(([k, n]) => [...splitKey(k), n] as [string, string, number]);
  const events = [...seen.events].map(([k, e]) => [...splitKey(k), e.n, e.sampleLoginId] as [string, string, string, number, string]);
  const result = await tx.query<{ kind: UnmappedKey['kind']; source: string; key: string; reason_code: string; first: boolean }>(
    `WITH agents AS (
       SELECT a.source, a.key, a.n FROM unnest($2::text[], $3::text[], $4::bigint[]) AS a(source, key, n)
        WHERE NOT EXISTS (SELECT 1 FROM employee_acd_login m WHERE m.tenant_id = $1 AND m.login_id = a.key
                            AND m.source IN (a.source, '*'))
     ), events AS (
       SELECT e.source, e.code, e.reason, e.n, e.sample FROM unnest($6::text[], $7::text[], $8::text[], $9::bigint[], $10::text[]) AS e(source, code, reason, n, sample)
        WHERE NOT EXISTS (SELECT 1 FROM event_mapping m WHERE m.tenant_id = $1 AND m.event_code = e.code
                            AND m.reason_code IN (e.reason, '*') AND m.source IN (e.source, '*'))
     ), keys AS (
       SELECT $5::text AS kind, source, key, '' AS reason_code, NULL::text AS sample, n FROM agents
       UNION ALL SELECT 'event', source, code, reason, sample, n FROM events
     )
     INSERT INTO acd_unmapped AS u (tenant_id, kind, source, key, reason_code, sample_login_id, first_seen_at, last_seen_at, count)
     SELECT $1, kind, source, key, reason_code, sample, $11, $11, n FROM keys
     ON CONFLICT (tenant_id, kind, source, key, reason_code) DO UPDATE
       SET last_seen_at = greatest(u.last_seen_at, EXCLUDED.last_seen_at), count = u.count + EXCLUDED.count,
           sample_login_id = coalesce(u.sample_login_id, EXCLUDED.sample_login_id)
     RETURNING kind, source, key, reason_code, (xmax = 0) AS first`,
    [
      tenantId,
      agents.map((a) => a[0]),
      agents.map((a) => a[1]),
      agents.map((a) => a[2]),
      seen.agentKind,
      events.map((e) => e[0]),
      events.map((e) => e[1]),
      events.map((e) => e[2]),
      events.map((e) => e[3]),
      events.map((e) => e[4]),
      at,
    ],
  );
  return {
    firstSeen: result.rows.filter((r) => r.first).map((r) => ({ kind: r.kind, source: r.source, key: r.key, reasonCode: r.reason_code })),
    flagged: new Set(result.rows.map((r) => (r.kind === 'event' ? eventFlag(r.source, r.key, r.reason_code) : agentFlag(r.source, r.key)))),
  };
}

/** Whether a state or activity from `source` was flagged: its agent or its event had no mapping there. */
export function isFlagged(flagged: Set<string>, source: string, agent: string, eventCode: string, reasonCode: string): boolean {
  return flagged.has(agentFlag(source, agent)) || flagged.has(eventFlag(source, eventCode, reasonCode));
}
