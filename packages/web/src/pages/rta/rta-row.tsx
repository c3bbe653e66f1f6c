import type { RtaAgent } from '@floorplan/contracts';
import { memo } from 'react';
import { Link } from '../../router';
import { useNow } from './clock';
import { formatClock, formatDuration, reasonFix, STATE_LOOK } from './format';

/** Ticks on the shared clock; only this cell re-renders each second, not its row. */
function TimeInState({ since }: { since: string }) {
  const now = useNow();
  return <>{formatDuration(now - Date.parse(since))}</>;
}

export function StateBadge({ state }: { state: RtaAgent['state'] }) {
  const look = STATE_LOOK[state];
  return (
    <span className={`state state-${state}`}>
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}

function Note({ agent }: { agent: RtaAgent }) {
  if (agent.state === 'NOT_CALCULATED' && agent.notCalculatedReason) {
    const fix = reasonFix(agent.notCalculatedReason, agent.employeeId);
    return (
      <>
        {fix.text} · <Link to={fix.link} data-testid="rta-fix-link">{fix.action}</Link>
      </>
    );
  }
  if (agent.next) return <span className="muted">next at {formatClock(agent.next.at)}</span>;
  return null;
}

/** One board row; re-renders only when its agent entry changes (deltas replace the object). */
export const RtaRow = memo(function RtaRow({ agent, unitName }: { agent: RtaAgent; unitName: string }) {
  const actualReason = [agent.actual.eventCode, agent.actual.reasonCode].filter(Boolean).join(' / ');
  return (
    <tr data-testid="rta-row" data-employee-id={agent.employeeId} data-state={agent.state}>
      <td title={`${agent.name} · ${unitName}`}>
        {agent.name}
        <div className="sub muted">{unitName}</div>
      </td>
      <td title={agent.scheduled ? agent.scheduled.name : 'Nothing scheduled'}>
        {agent.scheduled ? (
          <>
            {agent.scheduled.name}
            <div className="sub muted">
              {formatClock(agent.scheduled.start)}–{formatClock(agent.scheduled.end)}
            </div>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td title={`${agent.actual.name}${actualReason ? ` (${actualReason})` : ''}`} data-testid="rta-actual">
        {agent.actual.name}
        <div className="sub muted">{actualReason || '\u00a0'}</div>
      </td>
      <td data-testid="rta-state">
        <StateBadge state={agent.state} />
      </td>
      <td className="num" data-testid="rta-time">
        <TimeInState since={agent.stateSince} />
      </td>
      <td>
        <Note agent={agent} />
      </td>
    </tr>
  );
});
