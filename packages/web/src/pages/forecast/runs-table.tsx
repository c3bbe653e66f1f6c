import type { CandidateMetrics, ForecastRun } from '@floorplan/contracts';
import { formatNumber, formatRatio } from './history';

function Candidates({ run }: { run: ForecastRun }) {
  if (run.backtest.length === 0) return <span>{run.method === 'IMPORTED' ? 'imported, no back-test' : '—'}</span>;
  return (
    <ul className="candidates">
      {run.backtest.map((c: CandidateMetrics) => (
        <li key={c.method} className={c.method === run.method ? 'is-chosen' : undefined}>
          <strong>{c.method}</strong>
          {c.method === run.method ? ' (chosen)' : ''}: WAPE {formatRatio(c.wape)}, bias {formatRatio(c.bias)}, MASE {formatNumber(c.mase)}, WAPE floor {formatRatio(c.wapeFloor)}
        </li>
      ))}
    </ul>
  );
}

/** Forecast runs newest first, each with the method it chose and every candidate's back-test. */
export function RunsTable({ runs, timeZone }: { runs: readonly ForecastRun[]; timeZone: string }) {
  return (
    <div className="table-wrap">
      <table className="data" data-testid="forecast-runs-table">
        <caption>Forecast runs (dates in {timeZone})</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Created</th>
            <th scope="col">Status</th>
            <th scope="col">Requested</th>
            <th scope="col">Method</th>
            <th scope="col">History</th>
            <th scope="col">Horizon</th>
            <th scope="col">Back-test (interval level)</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} data-testid="forecast-run-row">
              <th scope="row">{r.version}</th>
              <td>{new Date(r.createdAt).toLocaleString()}</td>
              <td>
                <span className={`status status--${r.status.toLowerCase()}`}>{r.status}</span>
                {r.error ? <div className="error">{r.error}</div> : null}
              </td>
              <td>{r.requestedMethod ?? '—'}</td>
              <td className="nowrap">{r.method ?? '—'}</td>
              <td>{r.historyFrom && r.historyTo ? `${r.historyFrom} – ${r.historyTo}` : '—'}</td>
              <td>
                {r.horizonFrom}, {r.horizonDays} days
              </td>
              <td>
                <Candidates run={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
