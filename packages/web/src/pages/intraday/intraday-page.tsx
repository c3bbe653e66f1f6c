import type { IntradayResponse, IntradayRow } from '@floorplan/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { apiFetch, query } from '../../api/client';
import { TimeSeriesChart } from '../../charts/time-series-chart';
import { todayIn } from '../../charts/time';
import { PageHeader } from '../../layout/page-header';
import { useSearchParams } from '../../router';
import { intradayCharts, summarise } from './series';
import { SkillPicker, skillsStatus } from './skill-picker';
import { useActiveSkills } from '../../api/lists';
import '../../charts/charts.css';
import './intraday.css';

// The server publishes `wfm.intraday.updated` on its bus but has no browser push for it, and the
// staffed column moves with agent states anyway: the page polls every 60 s (the spec's cadence).
const REFRESH_MS = 60_000;
const GRANULARITIES = ['15', '30', '60'] as const;

const num = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));

function Row({ row, header }: { row: IntradayRow; header?: boolean }) {
  const Cell = header ? 'th' : 'td';
  return (
    <tr className={row.closed ? 'is-closed' : undefined}>
      <th scope="row">{row.label}</th>
      <Cell className="num">{num(row.forecastContacts)}</Cell>
      <Cell className="num">{num(row.reforecastContacts)}</Cell>
      <Cell className="num">{num(row.actualContacts, 0)}</Cell>
      <Cell className="num">{num(row.forecastAhtSeconds, 0)}</Cell>
      <Cell className="num">{num(row.actualAhtSeconds, 0)}</Cell>
      <Cell className="num">{num(row.serviceLevelPct, 2)}</Cell>
      <Cell className="num">{num(row.requiredAgents)}</Cell>
      <Cell className="num">{num(row.scheduledAgents)}</Cell>
      <Cell className="num">{num(row.staffedAgents)}</Cell>
      <Cell className="num">{num(row.varianceScheduledRequired)}</Cell>
    </tr>
  );
}

/** How the required agents were sized: an Erlang A skill without enough abandons falls back to Erlang C. */
function sizedBy(data: IntradayResponse, configured: string | undefined): string {
  const p = data.patience;
  if (data.staffingModel === 'ERLANG_A' && p) {
    const origin = p.source === 'SET' ? 'set on the skill' : `estimated from ${p.abandons ?? 0} abandons over 8 weeks${p.approx ? ', approximate' : ''}`;
    return `Sized by Erlang A, mean patience ${Math.round(p.seconds)} s (${origin}).`;
  }
  return configured === 'ERLANG_A' ? 'Sized by Erlang C: too few abandons (under 30 in 8 weeks) to estimate a patience.' : '';
}

/** Intraday manager: one skill's local day, forecast versus actual, and the staffing picture. */
export function IntradayPage() {
  const [search, setSearch] = useSearchParams();
  const skills = useActiveSkills();
  const skillId = search.get('skill') ?? skills.data?.[0]?.id ?? '';
  const skill = skills.data?.find((s) => s.id === skillId);
  const timeZone = skill?.timeZone ?? 'UTC';
  const date = search.get('date') ?? (skill ? todayIn(timeZone) : '');
  const granularity = (GRANULARITIES as readonly string[]).includes(search.get('granularity') ?? '') ? (search.get('granularity') as string) : '15';

  const intraday = useQuery({
    queryKey: ['intraday', skillId, date, granularity],
    queryFn: () => apiFetch<IntradayResponse>(`/wfm/v1/intraday${query({ skillId, date, granularity })}`),
    enabled: skillId !== '' && date !== '',
    refetchInterval: REFRESH_MS,
  });
  const charts = useMemo(() => (intraday.data ? intradayCharts(intraday.data) : null), [intraday.data]);
  const zone = intraday.data?.timeZone ?? timeZone;

  return (
    <div className="page intraday-page">
      <PageHeader title="Intraday manager" />
      {skillsStatus(skills) ?? (
        <form className="toolbar" aria-label="Intraday filters" onSubmit={(e) => e.preventDefault()}>
          <SkillPicker skills={skills.data ?? []} value={skillId} onChange={(id) => setSearch({ skill: id, date: null })} />
          <label>
            Date ({timeZone})
            <input type="date" value={date} onChange={(e) => setSearch({ skill: skillId, date: e.target.value })} />
          </label>
          <label>
            Interval
            <select value={granularity} onChange={(e) => setSearch({ skill: skillId, granularity: e.target.value })}>
              {GRANULARITIES.map((g) => (
                <option key={g} value={g}>
                  {g} minutes
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void intraday.refetch()} disabled={intraday.isFetching}>
            {intraday.isFetching ? 'Refreshing…' : 'Refresh'}
          </button>
        </form>
      )}

      {intraday.isError && (
        <p role="alert" className="error">
          Could not load the intraday view: {intraday.error.message}
        </p>
      )}
      {intraday.data && charts && (
        <>
          <p className="muted" aria-live="polite">
            Times in {zone}. {intraday.data.forecast ? `Forecast version ${intraday.data.forecast.version}${intraday.data.forecast.method ? ` (${intraday.data.forecast.method})` : ''}.` : 'No active forecast for this skill.'}{' '}
            {intraday.data.reforecast ? `Re-forecast ratio ${intraday.data.reforecast.ratio.toFixed(2)} over ${intraday.data.reforecast.closedIntervals} closed intervals.` : ''}{' '}
            {intraday.data.serviceLevelGoal ? `Goal ${intraday.data.serviceLevelGoal.percent} % in ${intraday.data.serviceLevelGoal.seconds} s.` : ''}{' '}
            {sizedBy(intraday.data, skill?.staffing.model)} Updated{' '}
            {new Date(intraday.dataUpdatedAt).toLocaleTimeString()}, refreshes every minute.
          </p>
          {intraday.data.paradigmMismatch && (
            <p role="alert" className="banner warning">
              The active forecast was made for a different reporting paradigm than the skill's: forecast and actual volumes are not comparable.
            </p>
          )}
          {intraday.data.excludedSeries.length > 0 && (
            <p className="banner warning">
              Left out (other paradigm): {intraday.data.excludedSeries.map((s) => `${s.queueValue} ${s.paradigm} (${s.intervals} intervals)`).join(', ')}.
            </p>
          )}
          <div className="chart-grid">
            <TimeSeriesChart title="Volume: forecast, re-forecast, actual" yLabel="contacts" x={charts.x} series={charts.volume} timeZone={zone} summary={summarise(charts.volume)} testId="intraday-chart-volume" />
            <TimeSeriesChart title="Average handle time" yLabel="seconds" x={charts.x} series={charts.aht} timeZone={zone} summary={summarise(charts.aht)} testId="intraday-chart-aht" />
            <TimeSeriesChart title="Service level versus goal" yLabel="%" x={charts.x} series={charts.serviceLevel} timeZone={zone} summary={summarise(charts.serviceLevel)} testId="intraday-chart-sl" />
            <TimeSeriesChart title="Agents: required, scheduled, staffed" yLabel="agents" x={charts.x} series={charts.agents} timeZone={zone} summary={summarise(charts.agents)} testId="intraday-chart-agents" />
          </div>
          <div className="table-wrap">
            <table className="data intraday-table" data-testid="intraday-table">
              <caption>Per interval ({intraday.data.granularityMinutes} minutes, {zone})</caption>
              <thead>
                <tr>
                  <th scope="col">Interval</th>
                  <th scope="col" className="num">Forecast</th>
                  <th scope="col" className="num">Re-forecast</th>
                  <th scope="col" className="num">Actual</th>
                  <th scope="col" className="num">Fcst AHT (s)</th>
                  <th scope="col" className="num">Actual AHT (s)</th>
                  <th scope="col" className="num">SL %</th>
                  <th scope="col" className="num">Required</th>
                  <th scope="col" className="num">Scheduled</th>
                  <th scope="col" className="num">Staffed</th>
                  <th scope="col" className="num">Sched − req</th>
                </tr>
              </thead>
              <tbody>
                {intraday.data.intervals.map((r) => (
                  <Row key={r.intervalStart ?? r.label} row={r} />
                ))}
              </tbody>
              <tfoot>
                <Row row={{ ...intraday.data.total, label: 'Day total' }} header />
              </tfoot>
            </table>
          </div>
        </>
      )}
      {intraday.isPending && skillId !== '' && <p role="status">Loading intraday…</p>}
    </div>
  );
}
