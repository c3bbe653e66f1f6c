import type { Paradigm } from '@floorplan/contracts';
import type { Queryable } from '../../platform/db/db.js';

export interface AcdSettings {
  acdType: string;
  intervalMinutes: 5 | 15 | 30 | 60;
  paradigm: Paradigm;
  minimumStateSeconds: number;
  heartbeatSeconds: number;
}

export const defaultAcdSettings: AcdSettings = {
  acdType: 'Generic',
  intervalMinutes: 15,
  paradigm: 'WCE',
  minimumStateSeconds: 3,
  heartbeatSeconds: 30,
};

interface Row {
  acd_type: string;
  interval_minutes: number;
  paradigm: Paradigm;
  minimum_state_seconds: number;
  heartbeat_seconds: number;
}

/** Per-tenant ACD settings, cached for a few seconds so the hot path costs no query. */
export function createSettingsCache(db: Queryable, ttlMs = 5000) {
  const cache = new Map<string, { at: number; value: AcdSettings }>();
  return {
    async get(tenantId: string): Promise<AcdSettings> {
      const hit = cache.get(tenantId);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const r = await db.query<Row>('SELECT * FROM acd_settings WHERE tenant_id = $1', [tenantId]);
      const row = r.rows[0];
      const value: AcdSettings = row
        ? {
            acdType: row.acd_type,
            intervalMinutes: row.interval_minutes as AcdSettings['intervalMinutes'],
            paradigm: row.paradigm,
            minimumStateSeconds: row.minimum_state_seconds,
            heartbeatSeconds: row.heartbeat_seconds,
          }
        : defaultAcdSettings;
      cache.set(tenantId, { at: Date.now(), value });
      return value;
    },
    async set(tenantId: string, s: AcdSettings): Promise<void> {
      await db.query(
        `INSERT INTO acd_settings (tenant_id, acd_type, interval_minutes, paradigm, minimum_state_seconds, heartbeat_seconds, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (tenant_id) DO UPDATE SET acd_type = $2, interval_minutes = $3, paradigm = $4,
           minimum_state_seconds = $5, heartbeat_seconds = $6, updated_at = now()`,
        [tenantId, s.acdType, s.intervalMinutes, s.paradigm, s.minimumStateSeconds, s.heartbeatSeconds],
      );
      cache.delete(tenantId);
    },
  };
}

export type SettingsCache = ReturnType<typeof createSettingsCache>;
