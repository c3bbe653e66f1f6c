import type { StoredQueueInterval } from '@floorplan/contracts';

// Pure assembly of the forecast chart's data: actual contacts (the skill's queues, the run's
// paradigm) and the forecast, aligned on one x axis of interval starts.

/** Actual contacts per interval start (epoch s), as intraday counts them: received − short abandons. */
export function actualByInterval(rows: readonly StoredQueueInterval[], queueValues: ReadonlySet<string>, paradigm: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rows) {
    if (r.paradigm !== paradigm || !queueValues.has(r.queueValue)) continue;
    const t = Date.parse(r.windowStart) / 1000;
    out.set(t, (out.get(t) ?? 0) + r.contactsReceived - r.abandonedShort);
  }
  return out;
}

export interface AlignedSeries {
  x: number[];
  actual: (number | null)[];
  forecast: (number | null)[];
}

export function alignSeries(actual: ReadonlyMap<number, number>, forecast: ReadonlyMap<number, number>): AlignedSeries {
  const x = [...new Set([...actual.keys(), ...forecast.keys()])].sort((a, b) => a - b);
  return { x, actual: x.map((t) => actual.get(t) ?? null), forecast: x.map((t) => forecast.get(t) ?? null) };
}

export const formatRatio = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)} %`);
export const formatNumber = (v: number | null, digits = 2) => (v === null ? '—' : v.toFixed(digits));
