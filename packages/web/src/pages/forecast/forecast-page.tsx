import type { ForecastAccuracyResponse, ForecastRun, Skill, SpecialDay, StoredQueueInterval } from '@floorplan/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ApiError, apiFetch, query } from '../../api/client';
import { useAuth } from '../../api/auth';
import { TimeSeriesChart, type ChartBand } from '../../charts/time-series-chart';
import { addDays, todayIn, zonedMidnightUtc } from '../../charts/time';
import { PageHeader } from '../../layout/page-header';
import { useSearchParams } from '../../router';
import { SkillPicker, skillsStatus } from '../intraday/skill-picker';
import { useActiveSkills } from '../../api/lists';
import { actualByInterval, alignSeries } from './history';
import { AccuracySummary } from './accuracy-summary';
import { RunsTable } from './runs-table';
import '../../charts/charts.css';
import '../intraday/intraday.css';
import './forecast.css';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface IntervalsAnswer {
  run: ForecastRun;
  items: { intervalStart: string; contacts: number; ahtSeconds: number | null }[];
}

const METHODS = ['AUTO', 'WHI', 'PROFILE', 'PROFILE_TREND', 'HOLT_WINTERS'] as const;
/** History shown before the horizon: the run's own history window, at most this many days. */
const MAX_HISTORY_DAYS = 56;

const isNotFound = (e: unknown) => e instanceof ApiError && e.status === 404;

/**
 * History source: the stored queue intervals (`GET /wfm/v1/queue-intervals`, one read per ACD queue
 * of the skill) summed like intraday counts them. The accuracy endpoint only gives scores and
 * intraday only one day, so this is the one read with the actual series behind the forecast.
 */
async function loadHistory(skill: Skill, paradigm: string, from: number, to: number): Promise<Map<number, number>> {
  const values = [...new Set(skill.acdQueues.map((q) => q.queueValue))];
  const rows: StoredQueueInterval[] = [];
  for (const queueValue of values) {
    const answer = await apiFetch<{ queueIntervals: StoredQueueInterval[] }>(
      `/wfm/v1/queue-intervals${query({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), queueValue })}`,
    );
    rows.push(...answer.queueIntervals);
  }
  return actualByInterval(rows, new Set(values), paradigm);
}

/** Forecast: history and the active forecast per skill, its runs and back-tests, special days. */
export function ForecastPage() {
  const [search, setSearch] = useSearchParams();
  const { permissions } = useAuth();
  const client = useQueryClient();
  const skills = useActiveSkills();
  const skillId = search.get('skill') ?? skills.data?.[0]?.id ?? '';
  const skill = skills.data?.find((s) => s.id === skillId);
  const timeZone = skill?.timeZone ?? 'UTC';
  const [method, setMethod] = useState<(typeof METHODS)[number]>('AUTO');
  const canWrite = permissions.has('wfm.forecast.write');
  const canReadQueues = permissions.has('wfm.acd.read');

  const runs = useQuery({
    queryKey: ['forecast', skillId, 'runs'],
    queryFn: () => apiFetch<Page<ForecastRun>>(`/wfm/v1/forecasts${query({ skillId, limit: 20 })}`),
    enabled: skillId !== '',
  });
  const intervals = useQuery({
    queryKey: ['forecast', skillId, 'intervals'],
    queryFn: async () => {
      try {
        return await apiFetch<IntervalsAnswer>(`/wfm/v1/forecasts/${skillId}/intervals`);
      } catch (e) {
        if (isNotFound(e)) return null; // no active run yet
        throw e;
      }
    },
    enabled: skillId !== '',
  });
  const run = intervals.data?.run ?? null;
  const horizonEnd = run ? addDays(run.horizonFrom, run.horizonDays - 1) : null;
  const today = todayIn(timeZone);
  const earliest = addDays(run?.horizonFrom ?? today, -MAX_HISTORY_DAYS);
  // The run's own history window (capped), else the last four weeks.
  const chartFrom = run ? (run.historyFrom && run.historyFrom > earliest ? run.historyFrom : earliest) : addDays(today, -28);
  const chartTo = horizonEnd ?? today;

  const history = useQuery({
    queryKey: ['forecast', skillId, 'history', run?.paradigm ?? skill?.paradigm, chartFrom, chartTo],
    queryFn: () => loadHistory(skill as Skill, run?.paradigm ?? (skill as Skill).paradigm, zonedMidnightUtc(chartFrom, timeZone), Math.min(Date.now(), zonedMidnightUtc(addDays(chartTo, 1), timeZone))),
    enabled: skill !== undefined && canReadQueues && intervals.isSuccess,
  });
  const specialDays = useQuery({
    queryKey: ['special-days', skillId, chartFrom, chartTo],
    queryFn: () => apiFetch<Page<SpecialDay>>(`/wfm/v1/special-days${query({ skillId, from: chartFrom, to: chartTo, limit: 1000 })}`),
    enabled: skill !== undefined && intervals.isSuccess,
  });
  const scoredTo = run && horizonEnd ? (addDays(today, -1) < horizonEnd ? addDays(today, -1) : horizonEnd) : null;
  const accuracy = useQuery({
    queryKey: ['forecast', skillId, 'accuracy', run?.version, scoredTo],
    queryFn: () => apiFetch<ForecastAccuracyResponse>(`/wfm/v1/forecasts/${skillId}/accuracy${query({ from: run!.horizonFrom, to: scoredTo! })}`),
    enabled: run !== null && scoredTo !== null && scoredTo >= run.horizonFrom,
    retry: false,
  });

  const runForecast = useMutation({
    mutationFn: () => apiFetch<{ runs: ForecastRun[] }>('/wfm/v1/forecasts/runs', { method: 'POST', body: { skillIds: [skillId], method } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['forecast', skillId] }),
  });

  const chart = useMemo(() => {
    const forecast = new Map((intervals.data?.items ?? []).map((i) => [Date.parse(i.intervalStart) / 1000, i.contacts]));
    return alignSeries(history.data ?? new Map(), forecast);
  }, [intervals.data, history.data]);
  const bands = useMemo<ChartBand[]>(
    () =>
      (specialDays.data?.items ?? []).map((d) => ({
        from: zonedMidnightUtc(d.date, timeZone) / 1000,
        to: zonedMidnightUtc(addDays(d.date, 1), timeZone) / 1000,
        label: d.label,
      })),
    [specialDays.data, timeZone],
  );
  const series = useMemo(
    () => [
      { label: 'Actual contacts', values: chart.actual, color: '#c05a00', width: 1.5 },
      { label: run ? `Forecast v${run.version} (${run.method ?? '—'})` : 'Forecast', values: chart.forecast, color: '#1f5fbf', width: 1.5, dash: [6, 3] },
    ],
    [chart, run],
  );
  const lastRun = runForecast.data?.runs[0];

  return (
    <div className="page forecast-page">
      <PageHeader title="Forecast" />
      {skillsStatus(skills) ?? (
        <form
          className="toolbar"
          aria-label="Forecast"
          onSubmit={(e) => {
            e.preventDefault();
            if (canWrite) runForecast.mutate();
          }}
        >
          <SkillPicker skills={skills.data ?? []} value={skillId} onChange={(id) => setSearch({ skill: id })} />
          {canWrite && (
            <>
              <label>
                Method
                <select value={method} onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])}>
                  {METHODS.map((m) => (
                    <option key={m} value={m}>
                      {m === 'AUTO' ? 'AUTO (best back-test)' : m}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" data-testid="forecast-run" disabled={runForecast.isPending || skillId === ''}>
                {runForecast.isPending ? 'Running forecast…' : 'Run forecast'}
              </button>
            </>
          )}
        </form>
      )}
      {runForecast.isError && (
        <p role="alert" className="error">
          The forecast run failed: {runForecast.error.message}
        </p>
      )}
      {lastRun && (
        <p role="status">
          Run version {lastRun.version}: {lastRun.status}
          {lastRun.method ? `, method ${lastRun.method}` : ''}
          {lastRun.error ? ` — ${lastRun.error}` : ''}.
        </p>
      )}

      {skill && (
        <section aria-labelledby="forecast-chart-title">
          <h2 id="forecast-chart-title">History and forecast</h2>
          {intervals.isError ? (
            <p role="alert" className="error">Could not load the forecast: {intervals.error.message}</p>
          ) : intervals.isPending ? (
            <p role="status">Loading forecast…</p>
          ) : (
            <>
              <p className="muted">
                {run
                  ? `Active forecast: version ${run.version}, ${run.method ?? 'no method'}, ${run.paradigm}, horizon ${run.horizonFrom} – ${horizonEnd}.`
                  : 'This skill has no active forecast yet.'}{' '}
                Actual contacts from the skill's ACD queues ({skill.acdQueues.map((q) => q.queueValue).join(', ') || 'none mapped'}), times in {timeZone}. Special days are shaded.
                Drag across the chart to zoom, double-click to reset.
                {!canReadQueues ? ' You lack wfm.acd.read, so history is not shown.' : ''}
              </p>
              {history.isError && <p role="alert" className="error">Could not load history: {history.error.message}</p>}
              <TimeSeriesChart
                title="Contacts per interval: actual and forecast"
                yLabel="contacts"
                x={chart.x}
                series={series}
                bands={bands}
                timeZone={timeZone}
                height={280}
                summary={`${chart.actual.filter((v) => v !== null).length} intervals of history, ${chart.forecast.filter((v) => v !== null).length} forecast intervals, ${bands.length} special days`}
                testId="forecast-chart"
              />
            </>
          )}
        </section>
      )}

      {accuracy.data && <AccuracySummary data={accuracy.data} />}

      {skill && (
        <section aria-labelledby="forecast-runs-title">
          <h2 id="forecast-runs-title">Runs and back-test</h2>
          {runs.isPending ? (
            <p role="status">Loading runs…</p>
          ) : runs.isError ? (
            <p role="alert" className="error">Could not load runs: {runs.error.message}</p>
          ) : runs.data.items.length === 0 ? (
            <p>No forecast runs for this skill yet.</p>
          ) : (
            <RunsTable runs={runs.data.items} timeZone={timeZone} />
          )}
        </section>
      )}

      {skill && (
        <section aria-labelledby="special-days-title">
          <h2 id="special-days-title">Special days</h2>
          {specialDays.isError ? (
            <p role="alert" className="error">Could not load special days: {specialDays.error.message}</p>
          ) : (specialDays.data?.items ?? []).length === 0 ? (
            <p>No special days for this skill between {chartFrom} and {chartTo}.</p>
          ) : (
            <table className="data" data-testid="special-days-table">
              <caption className="sr-only">Special days {chartFrom} – {chartTo}</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Label</th>
                  <th scope="col">Applies to</th>
                  <th scope="col" className="num">Factor</th>
                  <th scope="col">Left out of history</th>
                </tr>
              </thead>
              <tbody>
                {specialDays.data!.items.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.date}</th>
                    <td>{d.label}</td>
                    <td>{d.all ? 'All skills' : 'Selected skills'}</td>
                    <td className="num">{d.factor}</td>
                    <td>{d.excludeFromHistory ? 'Yes' : 'No'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
