import { useConnections, type ConnectionSummary } from '../../api/connections';
import { DataTable, QueryState } from '../../components/data-table';
import { formatInstant } from '../../components/form-values';
import { PageHeader } from '../../layout/page-header';
import { useNow } from '../rta/clock';
import { formatDuration } from '../rta/format';

function Ago({ iso }: { iso: string | null }) {
  const now = useNow();
  if (!iso) return <span className="muted">never</span>;
  return (
    <span title={formatInstant(iso)}>
      {formatInstant(iso)} <span className="muted">({formatDuration(now - Date.parse(iso))} ago)</span>
    </span>
  );
}

export function ConnectionsPage() {
  const connections = useConnections();
  const rows = connections.data?.connections ?? [];
  return (
    <>
      <PageHeader title="Connections">
        <span className="muted">{connections.dataUpdatedAt ? `Updated ${new Date(connections.dataUpdatedAt).toLocaleTimeString()}` : null}</span>
      </PageHeader>
      <p className="muted">Each ACD connector that has sent data or heartbeats to this tenant, with its health as Floorplan sees it.</p>
      <QueryState isLoading={connections.isLoading} error={connections.error} />
      {connections.data ? (
        <DataTable<ConnectionSummary>
          name="connections"
          rows={rows}
          rowKey={(c) => `${c.connectorName}@${c.connectorVersion}`}
          empty="No ACD has connected yet. Connect one with @floorplan/wfm-sdk and an access key."
          columns={[
            { header: 'Connector', cell: (c) => <strong>{c.connectorName}</strong> },
            { header: 'Version', cell: (c) => c.connectorVersion },
            { header: 'Status', cell: (c) => <span className={`badge badge-${c.status}`} data-testid="connection-status">{c.status}</span> },
            { header: 'Reason', cell: (c) => c.reason ?? '—' },
            { header: 'Since', cell: (c) => <Ago iso={c.since} /> },
            { header: 'Last heartbeat', cell: (c) => <Ago iso={c.lastHeartbeatAt} /> },
            { header: 'Last data', cell: (c) => <Ago iso={c.lastRequestAt} /> },
            {
              header: 'Recent transitions',
              cell: (c) =>
                c.transitions.length === 0 ? (
                  '—'
                ) : (
                  <ul className="plain">
                    {c.transitions.slice(-3).reverse().map((t) => (
                      <li key={`${t.at}${t.to}`}>
                        {formatInstant(t.at)}: {t.from} → {t.to}
                        {t.reason ? ` (${t.reason})` : ''}
                      </li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      ) : null}
    </>
  );
}
