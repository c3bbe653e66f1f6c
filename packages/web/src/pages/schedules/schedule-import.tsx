import type { ScheduleImport, ScheduleIssue } from '@floorplan/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiFetch, ApiError, query } from '../../api/client';
import { useSchedulingUnits } from '../../api/lists';
import { addDays, today } from './dates';

function Issues({ title, issues, kind }: { title: string; issues: ScheduleIssue[]; kind: 'error' | 'warning' }) {
  if (issues.length === 0) return null;
  return (
    <div className={`banner ${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={`import-${kind}s`}>
      <strong>{title}</strong>
      <ul>
        {issues.map((issue, i) => (
          <li key={`${issue.path}-${i}`}>
            <strong>{issue.path}</strong>: {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** CSV import (`employee,activityCode,start,end`) covering one scheduling unit's dates, published at once. */
export function ScheduleImportPanel() {
  const units = useSchedulingUnits();
  const client = useQueryClient();
  const [unit, setUnit] = useState('');
  const [fromDate, setFromDate] = useState(today());
  const [toDate, setToDate] = useState(addDays(today(), 6));
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ScheduleImport | null>(null);
  const [errors, setErrors] = useState<ScheduleIssue[]>([]);

  const schedulingUnitId = unit || units.data?.find((u) => u.isDefault)?.id || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setErrors([]);
    setResult(null);
    try {
      const csv = await file.text();
      const imported = await apiFetch<ScheduleImport>(`/wfm/v1/schedules/imports${query({ publish: true, schedulingUnitId, fromDate, toDate })}`, {
        method: 'POST',
        body: csv,
        contentType: 'text/csv',
      });
      setResult(imported);
      await client.invalidateQueries({ queryKey: ['schedules'] });
    } catch (failure) {
      if (failure instanceof ApiError) setErrors(failure.errors.length > 0 ? failure.errors : [{ path: failure.code, message: failure.message }]);
      else setErrors([{ path: 'file', message: failure instanceof Error ? failure.message : 'The import failed.' }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel" aria-label="Import schedules">
      <h2>Import schedules (CSV)</h2>
      <p className="muted">
        Header <code>employee,activityCode,start,end</code>; employee by email or id, code by name or id, times as{' '}
        <code>YYYY-MM-DD HH:mm</code> in the unit’s zone or ISO with offset. Replaces what is published for the unit’s employees on these dates.
      </p>
      <form className="toolbar" onSubmit={submit} data-testid="schedule-import-form">
        <label>
          Scheduling unit
          <select value={schedulingUnitId} onChange={(e) => setUnit(e.target.value)} required>
            {(units.data ?? []).filter((u) => !u.archived).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={fromDate} onChange={(e) => setFromDate(e.target.value)} required />
        </label>
        <label>
          To
          <input type="date" value={toDate} onChange={(e) => setToDate(e.target.value)} required />
        </label>
        <label>
          CSV file
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required data-testid="schedule-import-file" />
        </label>
        <button type="submit" disabled={busy || !file} data-testid="schedule-import-submit">
          {busy ? 'Importing…' : 'Import and publish'}
        </button>
      </form>
      {result ? (
        <p className="banner info" role="status" data-testid="import-result">
          {result.status === 'PUBLISHED' ? `Published as version ${result.publishedVersion}` : `Import ${result.status.toLowerCase()}`}: {result.counts.segments} segments for{' '}
          {result.counts.employees} employees.
        </p>
      ) : null}
      <Issues title="The import was refused; nothing was published:" issues={errors} kind="error" />
      <Issues title="Warnings:" issues={result?.warnings ?? []} kind="warning" />
    </section>
  );
}
