import type { RtaAgent, RtaState } from '@floorplan/contracts';
import { useMemo } from 'react';
import { useConnections } from '../../api/connections';
import { byId, useSchedulingUnits, useSkills } from '../../api/lists';
import { useAuth } from '../../api/auth';
import { PageHeader } from '../../layout/page-header';
import { Link, useSearchParams } from '../../router';
import { STATE_LOOK, STATES } from './format';
import { RtaRow } from './rta-row';
import { useRtaBoard } from './use-rta-board';

/** Names ACD connections that are not CONNECTED; the board may be stale for their agents. */
function ConnectionBanner() {
  const { permissions } = useAuth();
  const connections = useConnections(permissions.has('wfm.acd.read'));
  const bad = (connections.data?.connections ?? []).filter((c) => c.status !== 'CONNECTED');
  if (bad.length === 0) return null;
  return (
    <div className={`banner ${bad.some((c) => c.status === 'DISCONNECTED') ? 'error' : 'warning'}`} role="alert" data-testid="connection-banner">
      <strong>ACD connection problem:</strong> states shown may be out of date.
      <ul>
        {bad.map((c) => (
          <li key={c.connectorName}>
            {c.connectorName} is {c.status}
            {c.reason ? ` (${c.reason})` : ''} since {new Date(c.since).toLocaleTimeString()} · <Link to="/console/connections">Connections</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RtaPage() {
  const board = useRtaBoard();
  const units = useSchedulingUnits();
  const skills = useSkills();
  const [params, setParams] = useSearchParams();
  const su = params.get('su') ?? '';
  const skill = params.get('skill') ?? '';
  const state = (params.get('state') ?? '') as RtaState | '';
  const unitById = useMemo(() => byId(units.data), [units.data]);

  // Counts follow the SU and skill filters, not the state filter, so they double as state tabs.
  const scoped = useMemo(
    () => board.agents.filter((a: RtaAgent) => (!su || a.schedulingUnitId === su) && (!skill || a.skillIds.includes(skill))),
    [board.agents, su, skill],
  );
  const counts = useMemo(() => {
    const result = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<RtaState, number>;
    for (const agent of scoped) result[agent.state] += 1;
    return result;
  }, [scoped]);
  const shown = useMemo(() => (state ? scoped.filter((a) => a.state === state) : scoped), [scoped, state]);

  return (
    <>
      <PageHeader title="Real-time adherence">
        <span className={`stream-status ${board.status === 'live' ? 'live' : 'down'}`} role="status" data-testid="stream-status">
          {board.status === 'live' ? 'Live' : board.status === 'loading' ? 'Loading…' : 'Reconnecting…'}
        </span>
      </PageHeader>
      <ConnectionBanner />
      {board.error ? (
        <p className="banner error" role="alert">
          {board.error}
        </p>
      ) : null}
      <div className="toolbar">
        <label>
          Scheduling unit
          <select value={su} onChange={(e) => setParams({ su: e.target.value })} data-testid="filter-su">
            <option value="">All</option>
            {(units.data ?? []).filter((u) => !u.archived).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Skill
          <select value={skill} onChange={(e) => setParams({ skill: e.target.value })} data-testid="filter-skill">
            <option value="">All</option>
            {(skills.data ?? []).filter((s) => !s.archived).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          State
          <select value={state} onChange={(e) => setParams({ state: e.target.value })} data-testid="filter-state">
            <option value="">All</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LOOK[s].label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="counts" role="group" aria-label="Agents by state" data-testid="rta-counts">
        <button type="button" className="count" aria-pressed={state === ''} onClick={() => setParams({ state: null })}>
          All<strong>{scoped.length}</strong>
        </button>
        {STATES.map((s) => (
          <button
            type="button"
            key={s}
            className={`count state-${s}`}
            aria-pressed={state === s}
            onClick={() => setParams({ state: state === s ? null : s })}
            data-testid={`rta-count-${s}`}
            data-count={counts[s]}
          >
            <span aria-hidden="true">{STATE_LOOK[s].icon} </span>
            {STATE_LOOK[s].label}
            <strong>{counts[s]}</strong>
          </button>
        ))}
      </div>
      <div className="table-wrap rta-wrap">
        <table className="data rta" data-testid="rta-table" aria-rowcount={shown.length + 1}>
          <colgroup>
            <col className="c-agent" />
            <col className="c-sched" />
            <col className="c-actual" />
            <col className="c-state" />
            <col className="c-time" />
            <col className="c-note" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Scheduled</th>
              <th scope="col">Actual (event / reason)</th>
              <th scope="col">State</th>
              <th scope="col" className="num">
                Time in state
              </th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((agent) => (
              <RtaRow key={agent.employeeId} agent={agent} unitName={unitById.get(agent.schedulingUnitId)?.name ?? ''} />
            ))}
          </tbody>
        </table>
        {shown.length === 0 && board.status !== 'loading' ? (
          <p className="empty" data-testid="rta-empty">
            {board.agents.length === 0 ? 'No agents on the board: add employees with ACD logins in Setup.' : 'No agent matches the filters.'}
          </p>
        ) : null}
      </div>
    </>
  );
}
