import type { IntradayResponse, IntradayRow } from '@floorplan/contracts';
import type { ChartSeries } from '../../charts/time-series-chart';

// Pure mapping of the intraday answer to chart series; colours are paired with dashes so the
// lines differ by more than colour.

export interface IntradayCharts {
  x: number[];
  volume: ChartSeries[];
  aht: ChartSeries[];
  serviceLevel: ChartSeries[];
  agents: ChartSeries[];
}

const col = (rows: readonly IntradayRow[], key: keyof IntradayRow) => rows.map((r) => r[key] as number | null);

export function intradayCharts(data: IntradayResponse): IntradayCharts {
  const rows = data.intervals.filter((r) => r.intervalStart !== null);
  const x = rows.map((r) => Date.parse(r.intervalStart as string) / 1000);
  const goal = data.serviceLevelGoal?.percent ?? null;
  return {
    x,
    volume: [
      { label: 'Forecast contacts', values: col(rows, 'forecastContacts'), color: '#1f5fbf', step: true },
      { label: 'Re-forecast', values: col(rows, 'reforecastContacts'), color: '#7b3fb5', dash: [6, 4], step: true },
      { label: 'Actual contacts', values: col(rows, 'actualContacts'), color: '#c05a00', width: 3, step: true, points: true },
    ],
    aht: [
      { label: 'Forecast AHT (s)', values: col(rows, 'forecastAhtSeconds'), color: '#1f5fbf', step: true },
      { label: 'Re-forecast AHT (s)', values: col(rows, 'reforecastAhtSeconds'), color: '#7b3fb5', dash: [6, 4], step: true },
      { label: 'Actual AHT (s)', values: col(rows, 'actualAhtSeconds'), color: '#c05a00', width: 3, step: true, points: true },
    ],
    serviceLevel: [
      { label: 'Service level %', values: col(rows, 'serviceLevelPct'), color: '#c05a00', width: 3, step: true, points: true },
      { label: 'Projected SL %', values: col(rows, 'projectedServiceLevelPct'), color: '#1f5fbf', dash: [2, 3], step: true },
      { label: 'Goal %', values: rows.map(() => goal), color: '#2e7d32', dash: [8, 4] },
    ],
    agents: [
      { label: 'Required', values: col(rows, 'requiredAgents'), color: '#1f5fbf', step: true },
      { label: 'Required (re-forecast)', values: col(rows, 'requiredReforecast'), color: '#7b3fb5', dash: [6, 4], step: true },
      { label: 'Scheduled', values: col(rows, 'scheduledAgents'), color: '#2e7d32', dash: [2, 3], step: true },
      { label: 'Staffed', values: col(rows, 'staffedAgents'), color: '#c05a00', width: 3, step: true },
    ],
  };
}

/** A one-line text alternative for a chart: the day's figures. */
export function summarise(series: readonly ChartSeries[]): string {
  return series
    .map((s) => {
      const vals = s.values.filter((v): v is number => v !== null);
      if (vals.length === 0) return `${s.label}: no data`;
      const max = Math.max(...vals);
      return `${s.label}: ${vals.length} intervals, peak ${max.toFixed(1)}`;
    })
    .join('; ');
}
