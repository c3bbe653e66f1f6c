import type { ActivityCodeDto, SchedulePublication } from '@floorplan/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiFetch, ApiError, type FieldError } from '../../api/client';
import { addDays } from './dates';

interface Row {
  activityCodeId: string;
  /** `HH:mm` in the employee's scheduling-unit zone. */
  start: string;
  end: string;
}

/** `HH:mm` of an instant in `zone`. */
function localTime(iso: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}:${part('minute')}`;
}

/**
 * The day edit's wire rows: local `YYYY-MM-DD HH:mm` in the SU zone, which the server resolves
 * (DST included). An end at or before its start runs past midnight, into the next day.
 */
function wireSegments(date: string, rows: readonly Row[]) {
  return rows.map((r) => ({ activityCodeId: r.activityCodeId, start: `${date} ${r.start}`, end: `${r.end <= r.start ? addDays(date, 1) : date} ${r.end}` }));
}

/**
 * Edits one employee's published day (`PUT /wfm/v1/schedules/employees/{id}/days/{date}`): the
 * segments as rows of code, start and end in the employee's zone; "Day off" publishes no segment.
 * Row errors from the server are shown on their rows; nothing is published until all pass.
 */
export function DayEditor(props: {
  employeeId: string;
  employeeName: string;
  date: string;
  zone: string;
  segments: readonly { activityCodeId: string; start: string; end: string }[];
  codes: readonly ActivityCodeDto[];
  onClose: () => void;
}) {
  const client = useQueryClient();
  const choices = props.codes.filter((c) => !c.archived && c.schedulable && c.builtin === null);
  const [rows, setRows] = useState<Row[]>(() => props.segments.map((s) => ({ activityCodeId: s.activityCodeId, start: localTime(s.start, props.zone), end: localTime(s.end, props.zone) })));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const update = (i: number, change: Partial<Row>) => setRows((current) => current.map((r, k) => (k === i ? { ...r, ...change } : r)));
  const errorOf = (i: number) => errors.filter((e) => e.path === `segments[${i}]` || e.path.startsWith(`segments[${i}].`)).map((e) => e.message).join('; ');

  const publish = async (segments: Row[]) => {
    setBusy(true);
    setErrors([]);
    setFailure(null);
    try {
      await apiFetch<SchedulePublication>(`/wfm/v1/schedules/employees/${props.employeeId}/days/${props.date}`, { method: 'PUT', body: { segments: wireSegments(props.date, segments) } });
      await client.invalidateQueries({ queryKey: ['schedules'] });
      props.onClose();
    } catch (error) {
      if (error instanceof ApiError && error.errors.some((e) => e.path.startsWith('segments['))) setErrors(error.errors);
      else setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void publish(rows);
  };

  return (
    <form className="panel day-editor" aria-label={`Edit ${props.employeeName} on ${props.date}`} onSubmit={submit} data-testid="day-editor">
      <h2>
        {props.employeeName}, {props.date}
      </h2>
      <p className="muted">Times in {props.zone}. An end at or before its start ends the next day. Saving publishes a new schedule version.</p>
      {failure ? (
        <p className="banner error" role="alert">
          {failure}
        </p>
      ) : null}
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Activity</th>
            <th scope="col">Start</th>
            <th scope="col">End</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-testid="day-editor-row" className={errorOf(i) ? 'invalid' : undefined}>
              <td>
                <select aria-label={`Activity of segment ${i + 1}`} value={r.activityCodeId} onChange={(e) => update(i, { activityCodeId: e.target.value })}>
                  {choices.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
                {errorOf(i) ? (
                  <div className="field-error" role="alert">
                    {errorOf(i)}
                  </div>
                ) : null}
              </td>
              <td>
                <input type="time" aria-label={`Start of segment ${i + 1}`} value={r.start} required onChange={(e) => update(i, { start: e.target.value })} />
              </td>
              <td>
                <input type="time" aria-label={`End of segment ${i + 1}`} value={r.end} required onChange={(e) => update(i, { end: e.target.value })} />
              </td>
              <td>
                <button type="button" className="secondary" onClick={() => setRows((current) => current.filter((_, k) => k !== i))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="page-actions">
        <button
          type="button"
          className="secondary"
          disabled={choices.length === 0}
          onClick={() => setRows((current) => [...current, { activityCodeId: choices[0]?.id ?? '', start: current.at(-1)?.end ?? '09:00', end: '17:00' }])}
        >
          Add segment
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void publish([])}>
          Day off
        </button>
        <button type="button" className="secondary" onClick={props.onClose}>
          Cancel
        </button>
        <button type="submit" disabled={busy || rows.length === 0} data-testid="day-editor-save">
          {busy ? 'Publishing…' : 'Publish day'}
        </button>
      </div>
    </form>
  );
}
