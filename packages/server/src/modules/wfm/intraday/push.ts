// `wfm.intraday.updated` (spec §4.5): a stored queue report touches the skills owning its queues; their
// consoles refetch that skill-day. The view is computed on read, so nothing is rebuilt here. Every
// node that hears the ingest event publishes: a duplicate only costs a console one extra refetch.
import { tenantSubject, type Bus, type BusMessage, type Subscription } from '../../../platform/bus/bus.js';
import type { Queryable } from '../../../platform/db/db.js';
import { ingestEvents, type ReportStoredEvent } from '../../wfm-ingest/events.js';
import { queueValuesOfWindow } from '../../wfm-ingest/queue-history-reads.js';
import { localDateOf } from '../forecast/skill-history.js';
import { wfmEvents, type IntradayUpdatedEvent } from '../events.js';
import type { SetupCache } from '../setup/setup-cache.js';

/**
 * The intraday updates one stored queue report causes: one per skill owning a queue of the window.
 *
 * @example
 * await intradayUpdatesFor(db, setup, { tenantId, kind: 'queue', windowStart: '2026-03-02T09:00:00.000Z', rows: 3 });
 */
export async function intradayUpdatesFor(db: Queryable, setup: SetupCache, event: ReportStoredEvent): Promise<IntradayUpdatedEvent[]> {
  if (event.kind !== 'queue') return [];
  const values = await queueValuesOfWindow(db, event.tenantId, event.windowStart);
  const tenant = await setup.get(event.tenantId);
  const at = Date.parse(event.windowStart);
  return [...tenant.skills.values()]
    .filter((s) => !s.archived && s.queues.some((q) => values.has(q.queueValue)))
    .map((s) => ({ tenantId: event.tenantId, skillId: s.id, date: localDateOf(at, s.timeZone) }));
}

/**
 * Subscribes to stored reports of every tenant and publishes the intraday updates.
 *
 * @example
 * const sub = await startIntradayPush(db, bus, setup, (e) => log.error(e)); await sub.unsubscribe();
 */
export async function startIntradayPush(db: Queryable, bus: Bus, setup: SetupCache, onError: (e: unknown) => void): Promise<Subscription> {
  return bus.subscribe(`floorplan.*.${ingestEvents.reportStored}`, async (m: BusMessage) => {
    try {
      const updates = await intradayUpdatesFor(db, setup, m.data as ReportStoredEvent);
      for (const u of updates) await bus.publish(tenantSubject(u.tenantId, wfmEvents.intradayUpdated), u);
    } catch (e) {
      onError(e);
    }
  });
}
