import type { AdherenceActivityRow, AdherenceExceptionRow as AdherenceException, AdherenceReportRow, SchedulesResponse } from '@floorplan/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { apiFetch, query } from '../../api/client';
import { addDays, formatClock, zonedMidnightUtc, zoneOffsetMs } from '../../charts/time';
import { formatDuration, formatPct, reasonText } from './format';
import { buildTimeline, hourTicks, type Bar, type CodeInfo } from './timeline-model';

interface Props {
  row: AdherenceReportRow;
  timeZone: string;
  codes: ReadonlyMap<string, CodeInfo>;
  onClose(): void;
}

interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

/** Every page of a cursor-paged list (one agent-day is small: this is one or two requests). */
async function allPages<T>(path: string, params: Record<string, string>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiFetch<Paged<T>>(`${path}${query({ ...params, limit: 1000, cursor })}`);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

const WIDTH = 1000;
const LANE = 28;
const AXIS = 22;
const LABEL = 90;

function BarRect({ bar, y, height, start, scale, timeZone, pattern }: { bar: Bar; y: number; height: number; start: number; scale: number; timeZone: string; pattern?: boolean }) {
  const x = LABEL + (bar.start - start) * scale;
  const w = Math.max((bar.end - bar.start) * scale, 1);
  return (
    <rect x={x} y={y} width={w} height={height} fill={pattern ? 'url(#exception-hatch)' : bar.color} stroke={pattern ? '#c62828' : 'none'} strokeWidth={pattern ? 1.5 : 0}>
      <title>{`${pattern ? 'Exception: ' : ''}${bar.label}, ${formatClock(bar.start, timeZone)}–${formatClock(bar.end, timeZone)}`}</title>
    </rect>
  );
}

/** The drill-down of one agent-day: scheduled versus actual bars with the exceptions marked. */
export function AgentDayTimeline({ row, timeZone, codes, onClose }: Props) {
  const params = { from: row.date, to: row.date, employeeIds: row.employeeId };
  const heading = useRef<HTMLHeadingElement>(null);
  // The panel opens below a possibly long table: bring it into view and move focus to it.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    heading.current?.focus({ preventScroll: true });
  }, []);
  const schedules = useQuery({
    queryKey: ['schedules', row.employeeId, row.date],
    queryFn: () => apiFetch<SchedulesResponse>(`/wfm/v1/schedules${query({ ...params, flatten: true })}`),
  });
  const activities = useQuery({
    queryKey: ['adherence-activities', 'TTI', row.employeeId, row.date],
    queryFn: () => allPages<AdherenceActivityRow>('/wfm/v1/adherence/activities', { ...params, paradigm: 'TTI' }),
  });
  const exceptions = useQuery({
    queryKey: ['adherence-exceptions', row.employeeId, row.date],
    queryFn: () => allPages<AdherenceException>('/wfm/v1/adherence/exceptions', params),
  });

  const loading = schedules.isPending || activities.isPending || exceptions.isPending;
  const error = schedules.error ?? activities.error ?? exceptions.error;
  const title = `${row.employeeName} — ${row.date}`;

  let body;
  if (loading) body = <p role="status">Loading timeline…</p>;
  else if (error) body = <p role="alert">Could not load the timeline: {error.message}</p>;
  else {
    const segments = (schedules.data?.items ?? []).filter((i) => i.employeeId === row.employeeId).flatMap((i) => i.segments);
    const model = buildTimeline({
      dayStart: zonedMidnightUtc(row.date, timeZone),
      dayEnd: zonedMidnightUtc(addDays(row.date, 1), timeZone),
      segments,
      activities: (activities.data ?? []).filter((a) => a.employeeId === row.employeeId && a.date === row.date),
      exceptions: (exceptions.data ?? []).filter((e) => e.employeeId === row.employeeId && e.date === row.date),
      codes,
    });
    const scale = (WIDTH - LABEL - 24) / Math.max(model.end - model.start, 1);
    const span = (model.end - model.start) / 3_600_000;
    const ticks = hourTicks(model.start, model.end, (t) => zoneOffsetMs(t, timeZone), span > 30 ? 6 : span > 14 ? 3 : span > 8 ? 2 : 1);
    const height = AXIS + LANE * 2 + 16;
    const legend = new Map<string, string>();
    for (const b of [...model.scheduled, ...model.actual]) legend.set(b.label, b.color);
    body = (
      <>
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          className="adh-timeline"
          role="img"
          aria-label={`Timeline of ${title} in ${timeZone}: ${model.scheduled.length} scheduled segments, ${model.actual.length} actual activity stretches, ${model.exceptions.length} exceptions`}
        >
          <defs>
            <pattern id="exception-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="rgba(198,40,40,0.25)" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#c62828" strokeWidth="2" />
            </pattern>
          </defs>
          <text x={0} y={AXIS + LANE * 0.65} className="adh-timeline__lane">Scheduled</text>
          <text x={0} y={AXIS + LANE * 1.65 + 4} className="adh-timeline__lane">Actual</text>
          {ticks.map((t) => {
            const x = LABEL + (t - model.start) * scale;
            return (
              <g key={t}>
                <line x1={x} x2={x} y1={AXIS - 4} y2={height - 10} stroke="currentColor" strokeOpacity={0.2} />
                <text x={x} y={AXIS - 8} textAnchor="middle" className="adh-timeline__tick">{formatClock(t, timeZone)}</text>
              </g>
            );
          })}
          {model.scheduled.map((b, i) => <BarRect key={`s${i}`} bar={b} y={AXIS} height={LANE - 4} start={model.start} scale={scale} timeZone={timeZone} />)}
          {model.actual.map((b, i) => <BarRect key={`a${i}`} bar={b} y={AXIS + LANE + 4} height={LANE - 4} start={model.start} scale={scale} timeZone={timeZone} />)}
          {model.exceptions.map((b, i) => <BarRect key={`e${i}`} bar={b} y={AXIS - 2} height={LANE * 2 + 6} start={model.start} scale={scale} timeZone={timeZone} pattern />)}
        </svg>
        <ul className="adh-timeline__legend" aria-label="Activity colours">
          {[...legend].map(([label, color]) => (
            <li key={label}>
              <span className="swatch" style={{ background: color }} aria-hidden="true" /> {label}
            </li>
          ))}
          <li>
            <span className="swatch swatch--exception" aria-hidden="true" /> Exception (out of adherence)
          </li>
        </ul>
        <p className="muted">
          Times in {timeZone}. Actual activity from the interval activity view (TTI, {model.intervalMs / 60_000}-minute intervals); no data counts as logged off.
        </p>
        <h3>Exceptions</h3>
        {model.exceptions.length === 0 ? (
          <p>No exceptions on this day.</p>
        ) : (
          <table className="data" data-testid="adherence-exceptions">
            <thead>
              <tr>
                <th scope="col">Start</th>
                <th scope="col">End</th>
                <th scope="col">Duration</th>
                <th scope="col">Scheduled</th>
                <th scope="col">Actual</th>
              </tr>
            </thead>
            <tbody>
              {model.exceptions.map((e, i) => (
                <tr key={i}>
                  <td>{formatClock(e.start, timeZone)}</td>
                  <td>{formatClock(e.end, timeZone)}</td>
                  <td>{formatDuration((e.end - e.start) / 1000)}</td>
                  <td>{e.scheduled}</td>
                  <td>{e.actual}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    );
  }

  return (
    <section className="panel card" data-testid="adherence-timeline" aria-labelledby="timeline-title">
      <div className="panel__header">
        <h2 id="timeline-title" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close timeline
        </button>
      </div>
      <p>
        Adherence {formatPct(row.adherencePct)} · conformance {formatPct(row.conformancePct)} · scheduled {formatDuration(row.scheduledSeconds)} · out{' '}
        {formatDuration(row.outSeconds)}
        {row.notCalculatedReason ? ` · ${reasonText(row.notCalculatedReason)}` : ''}
      </p>
      {body}
    </section>
  );
}
