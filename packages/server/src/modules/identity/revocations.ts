import type { Bus, Subscription } from '../../platform/bus/bus.js';
import { tenantSubject } from '../../platform/bus/bus.js';
import type { Queryable } from '../../platform/db/db.js';

const event = 'auth.sessionRevoked';

export interface Revocations {
  isRevoked(sessionId: string): boolean;
  /** Marks sessions revoked on this node at once and on every other node through the bus. */
  revoked(tenantId: string, sessionIds: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The revoked refresh-token families every node keeps in memory, so token checks cost no query.
 * Loaded from the database at start (families not yet expired) and kept current over the bus, and
 * by polling the database every `pollMs` for revocations made where no bus reaches (the CLI on
 * another host, an in-process bus on another node), so a revocation takes effect within a second.
 */
export async function createRevocations(db: Queryable, bus: Bus, now: Date, pollMs = 1000): Promise<Revocations> {
  const revoked = new Set<string>();
  let subscription: Subscription | null = await bus.subscribe(tenantSubject('*', event), (m) => {
    for (const id of (m.data as { sessionIds?: string[] }).sessionIds ?? []) revoked.add(id);
  });
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM auth_session WHERE revoked_at IS NOT NULL AND expires_at > $1',
    [now],
  );
  for (const r of rows.rows) revoked.add(r.id);
  let since = now;
  const poll = setInterval(() => {
    const from = since;
    since = new Date();
    db.query<{ id: string }>('SELECT id FROM auth_session WHERE revoked_at >= $1', [new Date(from.getTime() - 2000)])
      .then((r) => r.rows.forEach((row) => revoked.add(row.id)))
      .catch(() => {});
  }, pollMs);
  poll.unref();
  return {
    isRevoked: (id) => revoked.has(id),
    async revoked(tenantId, sessionIds) {
      if (sessionIds.length === 0) return;
      for (const id of sessionIds) revoked.add(id);
      await bus.publish(tenantSubject(tenantId, event), { tenantId, sessionIds });
    },
    async close() {
      clearInterval(poll);
      await subscription?.unsubscribe();
      subscription = null;
    },
  };
}
