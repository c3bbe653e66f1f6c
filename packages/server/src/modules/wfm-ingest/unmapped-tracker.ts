import type { Queryable } from '../../platform/db/db.js';
import { agentFlag, eventFlag, recordUnmapped, splitKey, type SeenKeys, type UnmappedKey } from './unmapped.js';

const sep = '\u0000';

interface Pending extends UnmappedKey {
  /** Events only: a login that carried it, kept if the row has none yet. */
  sampleLoginId: string | null;
  count: number;
  lastSeen: Date;
}

export interface UnmappedTrackerOptions {
  db: Queryable;
  /** How long a key's mapped/unmapped verdict is trusted without asking the database (ms). */
  verdictTtlMs?: number;
  now?: () => number;
}

/**
 * Keeps `acd_unmapped` current without writing it on every request. A key is checked against the
 * mapping tables (and first-seen detected) in the request's transaction when its verdict is unknown
 * or older than `verdictTtlMs`; while the verdict is fresh, counts and last-seen times of unmapped
 * keys accumulate in memory and are written by `flush()` (every 2 s and at shutdown). A crash can
 * lose those few seconds of counts, never a key.
 */
export function createUnmappedTracker(o: UnmappedTrackerOptions) {
  const ttl = o.verdictTtlMs ?? 30_000;
  const now = o.now ?? Date.now;
  const verdicts = new Map<string, { unmapped: boolean; at: number }>();
  const pending = new Map<string, Map<string, Pending>>();
  // `key` is the seen key, source included: a login mapped for one ACD may be unmapped for another.
  const vkey = (tenantId: string, kind: string, key: string) => `${tenantId}${sep}${kind}${sep}${key}`;

  function addPending(tenantId: string, p: Omit<Pending, 'count'>, n: number): void {
    let t = pending.get(tenantId);
    if (!t) pending.set(tenantId, (t = new Map()));
    const k = `${p.kind}${sep}${p.source}${sep}${p.key}${sep}${p.reasonCode}`;
    const cur = t.get(k);
    if (cur) {
      cur.count += n;
      if (p.lastSeen > cur.lastSeen) cur.lastSeen = p.lastSeen;
    } else t.set(k, { ...p, count: n });
  }

  return {
    /** Flags the unmapped keys among `seen`; returns those seen for the first time and the flagged set. */
    async observe(tx: Queryable, tenantId: string, seen: SeenKeys, at: Date): Promise<{ firstSeen: UnmappedKey[]; flagged: Set<string> }> {
      const t = now();
      const unknown: SeenKeys = { agents: new Map(), agentKind: seen.agentKind, events: new Map() };
      const flagged = new Set<string>();
      for (const [k, n] of seen.agents) {
        const v = verdicts.get(vkey(tenantId, seen.agentKind, k));
        if (!v || t - v.at > ttl) unknown.agents.set(k, n);
        else if (v.unmapped) {
          const [source, key] = splitKey(k) as [string, string];
          flagged.add(agentFlag(source, key));
          addPending(tenantId, { kind: seen.agentKind, source, key, reasonCode: '', sampleLoginId: null, lastSeen: at }, n);
        }
      }
      for (const [k, e] of seen.events) {
        const v = verdicts.get(vkey(tenantId, 'event', k));
        if (!v || t - v.at > ttl) unknown.events.set(k, e);
        else if (v.unmapped) {
          const [source, code, reason] = splitKey(k) as [string, string, string];
          flagged.add(eventFlag(source, code, reason));
          addPending(tenantId, { kind: 'event', source, key: code, reasonCode: reason, sampleLoginId: e.sampleLoginId, lastSeen: at }, e.n);
        }
      }
      if (unknown.agents.size === 0 && unknown.events.size === 0) return { firstSeen: [], flagged };
      const recorded = await recordUnmapped(tx, tenantId, unknown, at);
      for (const k of unknown.agents.keys()) {
        const [source, key] = splitKey(k) as [string, string];
        verdicts.set(vkey(tenantId, seen.agentKind, k), { unmapped: recorded.flagged.has(agentFlag(source, key)), at: t });
      }
      for (const k of unknown.events.keys()) {
        const [source, code, reason] = splitKey(k) as [string, string, string];
        verdicts.set(vkey(tenantId, 'event', k), { unmapped: recorded.flagged.has(eventFlag(source, code, reason)), at: t });
      }
      if (verdicts.size > 200_000) verdicts.clear();
      for (const f of recorded.flagged) flagged.add(f);
      return { firstSeen: recorded.firstSeen, flagged };
    },

    /** Forgets a tenant's verdicts after a mapping change, so the next request asks the database. */
    mappingChanged(tenantId: string): void {
      for (const k of verdicts.keys()) if (k.startsWith(`${tenantId}${sep}`)) verdicts.delete(k);
    },

    /** Writes the accumulated counts; on failure they stay pending for the next flush. */
    async flush(): Promise<void> {
      for (const [tenantId, rows] of [...pending]) {
        pending.delete(tenantId);
        const list = [...rows.values()];
        try {
          await o.db.query(
            `INSERT INTO acd_unmapped AS u (tenant_id, kind, source, key, reason_code, sample_login_id, first_seen_at, last_seen_at, count)
             SELECT $1, k, src, key, r, sample, s, s, n
               FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::bigint[]) AS x(k, src, key, r, sample, s, n)
             ON CONFLICT (tenant_id, kind, source, key, reason_code) DO UPDATE
               SET last_seen_at = greatest(u.last_seen_at, EXCLUDED.last_seen_at), count = u.count + EXCLUDED.count,
                   sample_login_id = coalesce(u.sample_login_id, EXCLUDED.sample_login_id)`,
            [tenantId, list.map((p) => p.kind), list.map((p) => p.source), list.map((p) => p.key), list.map((p) => p.reasonCode),
              list.map((p) => p.sampleLoginId), list.map((p) => p.lastSeen), list.map((p) => p.count)],
          );
        } catch (e) {
          for (const p of list) addPending(tenantId, p, p.count);
          throw e;
        }
      }
    },
  };
}

export type UnmappedTracker = ReturnType<typeof createUnmappedTracker>;
