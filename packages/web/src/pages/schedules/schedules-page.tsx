import type { Employee, SchedulesResponse } from '@floorplan/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useAuth } from '../../api/auth';
import { apiFetch, query } from '../../api/client';
import { byId, RESOURCES, useActivityCodes, useList, useSchedulingUnits } from '../../api/lists';
import { QueryState } from '../../components/data-table';
import { PageHeader } from '../../layout/page-header';
import { useSearchParams } from '../../router';
import { addDays, startOfDay, today } from './dates';
import { DayEditor } from './day-editor';
import { ScheduleImportPanel } from './schedule-import';
import { Timeline, TimelineAxis } from './timeline';

type Item = SchedulesResponse['items'][number];

async function fetchSchedules(params: Record<string, string | undefined>): Promise<{ version: number | null; items: Item[] }> {
  const items: Item[] = [];
  let version: number | null = null;
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const answer = await apiFetch<SchedulesResponse>(`/wfm/v1/schedules${query({ ...params, limit: 1000, cursor })}`);
    version = answer.version;
    items.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return { version, items };
}

export function SchedulesPage() {
  const { permissions } = useAuth();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? today();
  const view = params.get('view') === 'week' ? 'week' : 'day';
  const su = params.get('su') ?? '';
  const employeeId = params.get('employeeId') ?? '';
  const to = view === 'week' ? addDays(date, 6) : date;

  const units = useSchedulingUnits();
  const codes = useActivityCodes();
  const employees = useList<Employee>(RESOURCES.employees);
  const codeById = useMemo(() => byId(codes.data), [codes.data]);
  const employeeById = useMemo(() => byId(employees.data), [employees.data]);
  const unitById = useMemo(() => byId(units.data), [units.data]);

  const schedules = useQuery({
    queryKey: ['schedules', date, to, su, employeeId],
    queryFn: () => fetchSchedules({ from: date, to, schedulingUnitId: su || undefined, employeeIds: employeeId || undefined }),
  });

  // The window runs over the asked dates in the browser's zone, stretched to segments that run past
  // midnight (a night shift belongs to the date it started).
  const window = useMemo(() => {
    let from = startOfDay(date);
    let end = startOfDay(addDays(to, 1));
    for (const item of schedules.data?.items ?? []) {
      for (const s of item.segments) {
        from = Math.min(from, Date.parse(s.start));
        end = Math.max(end, Date.parse(s.end));
      }
    }
    return { from, to: end };
  }, [schedules.data, date, to]);

  const ticks = useMemo(() => {
    const result: Array<{ at: number; label: string }> = [];
    if (view === 'week') {
      for (let i = 0; i <= 6; i++) {
        const day = addDays(date, i);
        result.push({ at: startOfDay(day) + 43_200_000, label: new Date(startOfDay(day)).toLocaleDateString([], { weekday: 'short', day: 'numeric' }) });
      }
    } else {
      const first = Math.ceil(window.from / 3_600_000) * 3_600_000;
      for (let at = first; at <= window.to; at += 3 * 3_600_000) result.push({ at, label: new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) });
    }
    return result;
  }, [view, date, window]);

  const items = useMemo(
    () =>
      [...(schedules.data?.items ?? [])].sort((a, b) => (employeeById.get(a.employeeId)?.name ?? a.employeeId).localeCompare(employeeById.get(b.employeeId)?.name ?? b.employeeId)),
    [schedules.data, employeeById],
  );
  const usedCodes = useMemo(() => {
    const ids = new Set(items.flatMap((item) => item.segments.map((s) => s.activityCodeId)));
    return (codes.data ?? []).filter((c) => ids.has(c.id));
  }, [items, codes.data]);

  // Day edits publish one employee-date: offered in the day view to users who may write schedules.
  const canEdit = view === 'day' && permissions.has('wfm.schedules.write');
  const [editing, setEditing] = useState<string | null>(null);
  const edited = editing === null ? undefined : items.find((item) => item.employeeId === editing);

  const status = (item: Item) => {
    if (item.segments.length > 0) return null;
    return item.coveredDates.length > 0 ? 'day off' : 'no schedule';
  };

  return (
    <>
      <PageHeader title="Schedules">
        {schedules.data ? <span className="muted">{schedules.data.version === null ? 'Nothing published yet' : `Published version ${schedules.data.version}`}</span> : null}
      </PageHeader>
      <div className="toolbar">
        <label>
          {view === 'week' ? 'Week from' : 'Date'}
          <input type="date" value={date} onChange={(e) => setParams({ date: e.target.value })} data-testid="schedules-date" />
        </label>
        <label>
          View
          <select value={view} onChange={(e) => setParams({ view: e.target.value === 'week' ? 'week' : null })} data-testid="schedules-view">
            <option value="day">Day</option>
            <option value="week">Week</option>
          </select>
        </label>
        <label>
          Scheduling unit
          <select value={su} onChange={(e) => setParams({ su: e.target.value })}>
            <option value="">All</option>
            {(units.data ?? []).filter((u) => !u.archived).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Employee
          <select value={employeeId} onChange={(e) => setParams({ employeeId: e.target.value })}>
            <option value="">All</option>
            {(employees.data ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <span className="page-actions">
          <button type="button" className="secondary" onClick={() => setParams({ date: addDays(date, view === 'week' ? -7 : -1) })}>
            ← Previous
          </button>
          <button type="button" className="secondary" onClick={() => setParams({ date: today() })}>
            Today
          </button>
          <button type="button" className="secondary" onClick={() => setParams({ date: addDays(date, view === 'week' ? 7 : 1) })}>
            Next →
          </button>
        </span>
      </div>
      {usedCodes.length > 0 ? (
        <div className="legend" aria-label="Activity codes">
          {usedCodes.map((c) => (
            <span key={c.id}>
              <i style={{ background: c.color }} />
              {c.name}
            </span>
          ))}
        </div>
      ) : null}
      <QueryState isLoading={schedules.isLoading} error={schedules.error} />
      {canEdit && edited ? (
        <DayEditor
          key={`${edited.employeeId}|${date}`}
          employeeId={edited.employeeId}
          employeeName={employeeById.get(edited.employeeId)?.name ?? edited.employeeId}
          date={date}
          zone={unitById.get(edited.schedulingUnitId)?.timeZone ?? 'UTC'}
          segments={edited.segments}
          codes={codes.data ?? []}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {schedules.data ? (
        items.length === 0 ? (
          <div className="table-wrap">
            <p className="empty" data-testid="schedules-empty">No employees in this selection.</p>
          </div>
        ) : (
          <div className="table-wrap">
            <table className="data schedule" data-testid="schedules-table">
              <thead>
                <tr>
                  <th scope="col">Employee</th>
                  <th scope="col" className="tl">
                    <TimelineAxis window={window} ticks={ticks} />
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => {
                  const name = employeeById.get(item.employeeId)?.name ?? item.employeeId;
                  const note = status(item);
                  return (
                    <tr key={item.employeeId} data-testid="schedules-row" data-id={item.employeeId}>
                      <td>
                        {name}
                        <div className="muted">{unitById.get(item.schedulingUnitId)?.name}</div>
                        {canEdit ? (
                          <button type="button" className="secondary small" onClick={() => setEditing(item.employeeId)} data-testid="schedules-edit-day">
                            Edit day
                          </button>
                        ) : null}
                      </td>
                      <td className="tl">
                        {note ? (
                          <span className="muted">{note}</span>
                        ) : (
                          <Timeline
                            label={`${name}: ${item.segments.length} segments`}
                            window={window}
                            segments={item.segments.map((s) => ({
                              start: s.start,
                              end: s.end,
                              color: codeById.get(s.activityCodeId)?.color ?? '#808080',
                              label: codeById.get(s.activityCodeId)?.name ?? '',
                            }))}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {permissions.has('wfm.schedules.write') ? <ScheduleImportPanel /> : null}
    </>
  );
}
