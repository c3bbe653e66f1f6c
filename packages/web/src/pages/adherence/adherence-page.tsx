import type { ActivityCodeDto, AdherenceReportResponse, AdherenceReportRow, SchedulingUnit } from '@floorplan/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { apiFetch, query } from '../../api/client';
import { PageHeader } from '../../layout/page-header';
import { Link, useSearchParams } from '../../router';
import { addDays, localDate } from '../../charts/time';
import { AgentDayTimeline } from './agent-day-timeline';
import { downloadAdherenceCsv } from './csv-download';
import { formatDuration, formatPct, reasonText, shortReason } from './format';
import type { CodeInfo } from './timeline-model';
import './adherence.css';

const PAGE_SIZE = 500;
const MAX_DAYS = 62;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function browserToday(): string {
  return localDate(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone);
}

function daysInclusive(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

/** Adherence report: agent-day rows with totals, a timeline drill-down and the CSV export. */
export function AdherencePage() {
  const [search, setSearch] = useSearchParams();
  const today = browserToday();
  const from = search.get('from') ?? addDays(today, -6);
  const to = search.get('to') ?? today;
  const schedulingUnitId = search.get('su') ?? undefined;
  const [draft, setDraft] = useState({ from, to, su: schedulingUnitId ?? '' });
  const [selected, setSelected] = useState<AdherenceReportRow | null>(null);
  const [csvState, setCsvState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const units = useQuery({
    queryKey: ['scheduling-units'],
    queryFn: () => apiFetch<Page<SchedulingUnit>>(`/wfm/v1/scheduling-units${query({ limit: 1000 })}`),
  });
  const codes = useQuery({
    queryKey: ['activity-codes', 'all'],
    queryFn: () => apiFetch<Page<ActivityCodeDto>>(`/wfm/v1/activity-codes${query({ limit: 1000, includeArchived: true })}`),
  });
  const report = useInfiniteQuery({
    queryKey: ['adherence-report', from, to, schedulingUnitId ?? null],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<AdherenceReportResponse>(`/wfm/v1/adherence/report${query({ from, to, schedulingUnitId, granularity: 'day', limit: PAGE_SIZE, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const codeMap = useMemo(() => new Map<string, CodeInfo>((codes.data?.items ?? []).map((c) => [c.id, { name: c.name, color: c.color }])), [codes.data]);
  const zoneOf = (suId: string) => units.data?.items.find((u) => u.id === suId)?.timeZone ?? 'UTC';
  const rows = report.data?.pages.flatMap((p) => p.items) ?? [];
  const totals = report.data?.pages[0]?.totals;

  const rangeError = to < from ? 'The last date must not be before the first.' : daysInclusive(draft.from, draft.to) > MAX_DAYS ? `At most ${MAX_DAYS} days at a time.` : null;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (draft.to < draft.from || daysInclusive(draft.from, draft.to) > MAX_DAYS) return;
    setSelected(null);
    setSearch({ from: draft.from, to: draft.to, su: draft.su || null });
  };

  const download = async () => {
    setCsvState({ busy: true, error: null });
    try {
      await downloadAdherenceCsv({ from, to, schedulingUnitId });
      setCsvState({ busy: false, error: null });
    } catch (e) {
      setCsvState({ busy: false, error: e instanceof Error ? e.message : String(e) });
    }
  };

  const draftError = draft.to < draft.from ? 'The last date must not be before the first.' : daysInclusive(draft.from, draft.to) > MAX_DAYS ? `At most ${MAX_DAYS} days at a time.` : null;

  return (
    <div className="page adherence-page">
      <PageHeader title="Adherence report" />
      <form className="toolbar" onSubmit={apply} aria-label="Report filters">
        <label>
          From
          <input type="date" value={draft.from} required onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={draft.to} required onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <label>
          Scheduling unit
          <select value={draft.su} onChange={(e) => setDraft({ ...draft, su: e.target.value })}>
            <option value="">All my scheduling units</option>
            {(units.data?.items ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.timeZone})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={draftError !== null}>
          Show
        </button>
        <button type="button" data-testid="csv-download" onClick={() => void download()} disabled={csvState.busy || rangeError !== null}>
          {csvState.busy ? 'Preparing CSV…' : 'Download CSV'}
        </button>
        {draftError && (
          <p role="alert" className="error">
            {draftError}
          </p>
        )}
      </form>
      {csvState.error && (
        <p role="alert" className="error">
          CSV download failed: {csvState.error}
        </p>
      )}
      <p className="muted">
        Dates are each scheduling unit's local dates, {from} to {to}. Select a row to see that agent-day's timeline.
      </p>

      {report.isPending ? (
        <p role="status">Loading report…</p>
      ) : report.isError ? (
        <p role="alert" className="error">
          Could not load the report: {report.error.message}
        </p>
      ) : rows.length === 0 ? (
        <p>No agent-days in this range.</p>
      ) : (
        <div className="table-wrap">
          <table className="data adherence-table" data-testid="adherence-table">
            <caption className="sr-only">Adherence per agent and day</caption>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">
                  <abbr title="Scheduling unit">SU</abbr>
                </th>
                <th scope="col">Date</th>
                <th scope="col" className="num">Scheduled</th>
                <th scope="col" className="num">In</th>
                <th scope="col" className="num">Out</th>
                <th scope="col" className="num">Neutral</th>
                <th scope="col" className="num">Unmapped</th>
                <th scope="col" className="num">
                  <abbr title="Unscheduled worked">Unsched.</abbr>
                </th>
                <th scope="col" className="num">Adherence</th>
                <th scope="col" className="num">Conformance</th>
                <th scope="col" className="num">
                  <abbr title="Exceptions">Exc.</abbr>
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const isSelected = selected?.employeeId === r.employeeId && selected.date === r.date;
                return (
                  <tr
                    key={`${r.employeeId}-${r.date}`}
                    data-testid="adherence-row"
                    className={isSelected ? 'is-selected clickable' : 'clickable'}
                    aria-selected={isSelected}
                    onClick={() => setSelected(r)}
                  >
                    <th scope="row">
                      <button type="button" className="link-button" onClick={() => setSelected(r)} aria-label={`Show timeline of ${r.employeeName} on ${r.date}`}>
                        {r.employeeName}
                      </button>
                    </th>
                    <td>{r.schedulingUnit}</td>
                    <td className="nowrap">{r.date}</td>
                    <td className="num">{formatDuration(r.scheduledSeconds)}</td>
                    <td className="num">{formatDuration(r.inSeconds)}</td>
                    <td className="num">{formatDuration(r.outSeconds)}</td>
                    <td className="num">{formatDuration(r.neutralSeconds)}</td>
                    <td className="num">{formatDuration(r.unmappedSeconds)}</td>
                    <td className="num">{formatDuration(r.unscheduledWorkedSeconds)}</td>
                    <td className="num">{formatPct(r.adherencePct)}</td>
                    <td className="num">{formatPct(r.conformancePct)}</td>
                    <td className="num">{r.exceptionCount ?? '—'}</td>
                    <td className="nowrap">
                      {r.notCalculatedReason ? (
                        <Link
                          to={r.notCalculatedReason === 'NO_ACD_LOGIN' ? '/console/setup/employees' : '/console/schedules'}
                          className="badge badge--warn"
                          title={`${reasonText(r.notCalculatedReason)}: open ${r.notCalculatedReason === 'NO_ACD_LOGIN' ? 'employees' : 'schedules'} to fix`}
                          onClick={(e) => e.stopPropagation()}
                        >
                          ⚠ {shortReason(r.notCalculatedReason)}
                        </Link>
                      ) : (
                        <span title="Calculated">✓ OK</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
            {totals && (
              <tfoot>
                <tr data-testid="adherence-totals">
                  <th scope="row" colSpan={3}>
                    Total (all pages)
                  </th>
                  <td className="num">{formatDuration(totals.scheduledSeconds)}</td>
                  <td className="num">{formatDuration(totals.inSeconds)}</td>
                  <td className="num">{formatDuration(totals.outSeconds)}</td>
                  <td className="num">{formatDuration(totals.neutralSeconds)}</td>
                  <td className="num">{formatDuration(totals.unmappedSeconds)}</td>
                  <td className="num">{formatDuration(totals.unscheduledWorkedSeconds)}</td>
                  <td className="num">{formatPct(totals.adherencePct)}</td>
                  <td className="num">{formatPct(totals.conformancePct)}</td>
                  <td className="num">{totals.exceptionCount}</td>
                  <td />
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
      {report.hasNextPage && (
        <button type="button" onClick={() => void report.fetchNextPage()} disabled={report.isFetchingNextPage}>
          {report.isFetchingNextPage ? 'Loading…' : `Load more (showing ${rows.length})`}
        </button>
      )}

      {selected && <AgentDayTimeline key={`${selected.employeeId}-${selected.date}`} row={selected} timeZone={zoneOf(selected.schedulingUnitId)} codes={codeMap} onClose={() => setSelected(null)} />}
    </div>
  );
}
