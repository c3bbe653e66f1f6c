import type { UnmappedEvent, UnmappedLogin, UnmappedQueue } from '@floorplan/contracts';
import type { Queryable } from '../../../platform/db/db.js';
import type { IngestService } from '../../wfm-ingest/service.js';

/**
 * Unmapped logins and events as ingest tracks them (§1.2, §1.6): per source (the ACD that sent them;
 * null when unknown), events with a sample login. A key leaves the list as soon as a login or
 * mapping covers it for its source, even before ingest's verdict cache refreshes.
 * @example const { logins, events } = await readUnmappedKeys(ctx.ingest, tenantId);
 */
export async function readUnmappedKeys(ingest: IngestService, tenantId: string): Promise<{ logins: UnmappedLogin[]; events: UnmappedEvent[] }> {
  const keys = await ingest.reads.unmapped(tenantId);
  const logins: UnmappedLogin[] = [];
  const events: UnmappedEvent[] = [];
  for (const k of keys) {
    const seen = { firstSeen: k.firstSeenAt, lastSeen: k.lastSeenAt, count: k.count };
    if (k.kind === 'event') events.push({ source: k.source, eventCode: k.key, reasonCode: k.reasonCode, ...seen, sampleLoginId: k.sampleLoginId });
    else logins.push({ loginId: k.key, source: k.source, seenIn: k.kind === 'login' ? 'AGENT_STATES' : 'ACTIVITY_REPORTS', ...seen });
  }
  return { logins, events };
}

/**
 * Queue values in the stored queue reports that no skill's queue list covers (§1.4), with the
 * span and number of report rows. Ingest offers no read of distinct queues, so this reads its
 * table directly (tenant-scoped, one grouped scan).
 * @example const queues = await readUnmappedQueues(db, tenantId); // [{ queueValue: '8057', rows: 96, ... }]
 */
export async function readUnmappedQueues(q: Queryable, tenantId: string): Promise<UnmappedQueue[]> {
  const r = await q.query<{ queue_value: string; queue_name: string; paradigms: string[] | string; first_start: Date; last_end: Date; n: string }>(
    `SELECT a.queue_value, max(a.queue_name) AS queue_name, array_agg(DISTINCT a.paradigm ORDER BY a.paradigm) AS paradigms,
            min(a.window_start) AS first_start, max(a.window_end) AS last_end, count(*) AS n
       FROM acd_queue_interval a
      WHERE a.tenant_id = $1
        AND NOT EXISTS (SELECT 1 FROM skill_queue s WHERE s.tenant_id = $1 AND s.queue_value = a.queue_value)
      GROUP BY a.queue_value ORDER BY a.queue_value`,
    [tenantId],
  );
  return r.rows.map((row) => ({
    queueValue: row.queue_value,
    queueName: row.queue_name,
    paradigms: pgArray(row.paradigms) as ('WCE' | 'TTI')[],
    firstWindowStart: new Date(row.first_start).toISOString(),
    lastWindowEnd: new Date(row.last_end).toISOString(),
    rows: Number(row.n),
  }));
}

/** A text[] as either driver returns it (an array, or the `{a,b}` literal). */
function pgArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  const inner = v.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((s) => s.replace(/^"|"$/g, ''));
}
