import type { AdherenceReportRow } from '@floorplan/contracts';

/** Percentages come rounded to 2 decimals by the server; `null` (undefined ratio) shows as a dash. */
export function formatPct(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(2)} %`;
}

/** Seconds as `h:mm:ss`; `null` (not calculated) as a dash. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}`;
}

const REASONS: Record<NonNullable<AdherenceReportRow['notCalculatedReason']>, string> = {
  NO_ACD_LOGIN: 'Not calculated: the employee has no ACD login',
  NO_SCHEDULE: 'Not calculated: no published schedule for this day',
};

export function reasonText(reason: AdherenceReportRow['notCalculatedReason']): string {
  return reason ? REASONS[reason] : '';
}

const SHORT: Record<NonNullable<AdherenceReportRow['notCalculatedReason']>, string> = {
  NO_ACD_LOGIN: 'No ACD login',
  NO_SCHEDULE: 'No schedule',
};

/** The table's label; the full sentence goes in its title. */
export function shortReason(reason: NonNullable<AdherenceReportRow['notCalculatedReason']>): string {
  return SHORT[reason];
}
