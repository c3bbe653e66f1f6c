import { createHash } from 'node:crypto';
import type { Db } from '../../../platform/db/db.js';

export const RTA_PARTITIONS = 64;

/**
 * The partition of a tenant (§2.1): the first 4 bytes of SHA-256 of its id, modulo 64; stable on
 * every node and every restart.
 * @example partitionOf('4f1c…') // 0–63
 */
export function partitionOf(tenantId: string): number {
  return createHash('sha256').update(tenantId).digest().readUInt32BE(0) % RTA_PARTITIONS;
}

/**
 * Partition ownership across nodes. The spec's advisory-lock lease needs a dedicated connection
 * the `Db` interface does not give, so a row per partition in `rta_partition_lease` is taken or
 * renewed with a compare-and-set: a node keeps what it owns and takes what is free or expired. The
 * database's clock decides expiry, so node clocks need not agree. Embedded mode owns everything.
 * @example const lease = await createPartitionLease(db, 'node-a', { ttlMs: 15_000 }); lease.owns(tenantId);
 */
export async function createPartitionLease(db: Db, owner: string, options: { ttlMs: number; onChange?: (owned: ReadonlySet<number>) => void }) {
  const all = new Set(Array.from({ length: RTA_PARTITIONS }, (_, p) => p));
  if (db.kind === 'pglite') {
    return { owns: (_tenantId: string) => true, renew: async () => all as ReadonlySet<number>, release: async () => {} };
  }
  let owned: ReadonlySet<number> = new Set();
  const ttl = `${Math.round(options.ttlMs)} milliseconds`;
  return {
    owns: (tenantId: string) => owned.has(partitionOf(tenantId)),
    /** Renews what this node owns and takes free or expired partitions; returns the owned set. */
    async renew(): Promise<ReadonlySet<number>> {
      const r = await db.query<{ partition: number }>(
        `INSERT INTO rta_partition_lease AS l (partition, owner, expires_at)
         SELECT p, $1, now() + $2::interval FROM generate_series(0, ${RTA_PARTITIONS - 1}) AS p
         ON CONFLICT (partition) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
          WHERE l.owner = $1 OR l.expires_at < now()
         RETURNING partition`,
        [owner, ttl],
      );
      const next = new Set(r.rows.map((row) => Number(row.partition)));
      const changed = next.size !== owned.size || [...next].some((p) => !owned.has(p));
      owned = next;
      if (changed) options.onChange?.(owned);
      return owned;
    },
    /** Gives the partitions up at once (a clean shutdown), so another node need not wait for expiry. */
    async release(): Promise<void> {
      await db.query('DELETE FROM rta_partition_lease WHERE owner = $1', [owner]);
      owned = new Set();
    },
  };
}

export type PartitionLease = Awaited<ReturnType<typeof createPartitionLease>>;
