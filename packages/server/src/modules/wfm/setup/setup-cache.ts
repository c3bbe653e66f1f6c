import type { Bus, Subscription } from '../../../platform/bus/bus.js';
import type { Queryable } from '../../../platform/db/db.js';
import { wfmEvents, type SetupChangedEvent } from '../events.js';
import { loadTenantSetup, type TenantSetup } from './tenant-setup.js';

/**
 * Tenant setups kept in memory. A `wfm.setup.changed` event (from any node) drops the tenant's
 * entry; the TTL bounds staleness should an event be lost (the bus is at-most-once).
 * @example const cache = await createSetupCache(db, bus); const setup = await cache.get(tenantId);
 */
export async function createSetupCache(db: Queryable, bus: Bus, ttlMs = 30_000) {
  const entries = new Map<string, { at: number; value: Promise<TenantSetup> }>();
  const subscription: Subscription = await bus.subscribe(`floorplan.*.${wfmEvents.setupChanged}`, (message) => {
    entries.delete((message.data as SetupChangedEvent).tenantId);
  });
  return {
    get(tenantId: string): Promise<TenantSetup> {
      const hit = entries.get(tenantId);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const value = loadTenantSetup(db, tenantId);
      entries.set(tenantId, { at: Date.now(), value });
      value.catch(() => entries.delete(tenantId));
      return value;
    },
    /** Drops a tenant at once (the writer's own node does not wait for the bus). */
    invalidate(tenantId: string): void {
      entries.delete(tenantId);
    },
    close: () => subscription.unsubscribe(),
  };
}

export type SetupCache = Awaited<ReturnType<typeof createSetupCache>>;
