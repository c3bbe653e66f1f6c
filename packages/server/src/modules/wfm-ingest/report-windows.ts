import type { Paradigm } from '@floorplan/contracts';
import type { Queryable } from '../../platform/db/db.js';
import { AppError } from '../../platform/http/app-error.js';
import type { WindowRef } from './report-store.js';

export interface WindowClaim {
  kind: 'queue' | 'activity';
  window: WindowRef;
  intervalMinutes: number;
  paradigm: Paradigm;
  status: string;
  statusReason: string;
  acdType: string;
  reportVersion: string;
  flags: string[];
}

/**
 * Records that a report window was received (empty reports too) and refuses windows that would mix
 * interval lengths (WINDOW_OVERLAP) or paradigms (PARADIGM_CONFLICT) in one series (spec §4.2, §4.6).
 */
export async function claimReportWindow(tx: Queryable, tenantId: string, c: WindowClaim, at: Date): Promise<void> {
  const overlap = await tx.query<{ window_start: Date; interval_minutes: number }>(
    `SELECT window_start, interval_minutes FROM acd_report_window
      WHERE tenant_id = $1 AND kind = $2 AND window_start < $4 AND window_end > $3 AND interval_minutes <> $5 LIMIT 1`,
    [tenantId, c.kind, c.window.windowStart, c.window.windowEnd, c.intervalMinutes],
  );
  const clash = overlap.rows[0];
  if (clash) {
    throw new AppError('WINDOW_OVERLAP', 'the window overlaps a stored window of another length', [
      { path: 'startDate', message: `overlaps the stored ${clash.interval_minutes}-minute window starting ${new Date(clash.window_start).toISOString()}` },
    ]);
  }
  const stored = await tx.query<{ paradigm: Paradigm }>(
    'SELECT paradigm FROM acd_report_window WHERE tenant_id = $1 AND kind = $2 AND window_start = $3',
    [tenantId, c.kind, c.window.windowStart],
  );
  const previous = stored.rows[0]?.paradigm;
  if (previous && previous !== c.paradigm) {
    throw new AppError('PARADIGM_CONFLICT', `the window was stored under ${previous}`, [
      { path: 'paradigm', message: `must be ${previous}, the paradigm this window was stored under` },
    ]);
  }
  await tx.query(
    `INSERT INTO acd_report_window AS w (tenant_id, kind, window_start, window_end, interval_minutes, paradigm, status,
                                         status_reason, acd_type, report_version, flags, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (tenant_id, kind, window_start) DO UPDATE SET status = EXCLUDED.status, status_reason = EXCLUDED.status_reason,
       acd_type = EXCLUDED.acd_type, report_version = EXCLUDED.report_version, flags = EXCLUDED.flags,
       received_at = EXCLUDED.received_at, revision = w.revision + 1`,
    [tenantId, c.kind, c.window.windowStart, c.window.windowEnd, c.intervalMinutes, c.paradigm, c.status, c.statusReason,
      c.acdType, c.reportVersion, c.flags, at],
  );
}
