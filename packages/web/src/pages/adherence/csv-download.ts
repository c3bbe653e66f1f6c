import { apiFetch, query } from '../../api/client';

export interface ReportFilter {
  from: string;
  to: string;
  schedulingUnitId?: string | undefined;
}

/**
 * The CSV route needs the bearer header, which a plain link cannot send: fetch it as text through
 * the API client (so an expired token is refreshed), then hand the browser a blob URL to save.
 */
export async function downloadAdherenceCsv(filter: ReportFilter): Promise<void> {
  const path = `/wfm/v1/adherence/report.csv${query({ from: filter.from, to: filter.to, schedulingUnitId: filter.schedulingUnitId, granularity: 'day' })}`;
  const text = await apiFetch<string>(path, { headers: { accept: 'text/csv' } });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `adherence-${filter.from}-${filter.to}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; some browsers read the URL asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
