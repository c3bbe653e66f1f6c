import type { RtaNotCalculatedReason, RtaState } from '@floorplan/contracts';

/** `h:mm:ss` or `m:ss`; negative durations (clock skew) read as 0. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Label and icon per state: the colour is never the only cue. */
export const STATE_LOOK: Record<RtaState, { label: string; icon: string }> = {
  IN: { label: 'In adherence', icon: '✓' },
  OUT: { label: 'Out of adherence', icon: '!' },
  OUT_OPEN: { label: 'Out, open', icon: '◐' },
  SEVERE: { label: 'Severe', icon: '⚠' },
  NEUTRAL: { label: 'Neutral', icon: '○' },
  UNSCHEDULED: { label: 'Unscheduled', icon: '–' },
  NOT_CALCULATED: { label: 'Not calculated', icon: '?' },
};

export const STATES = Object.keys(STATE_LOOK) as RtaState[];

/** What each not-calculated reason means and which screen fixes it. */
export function reasonFix(reason: RtaNotCalculatedReason, employeeId: string): { text: string; link: string; action: string } {
  switch (reason) {
    case 'EVENT_UNMAPPED':
      return { text: 'ACD event not mapped', link: '/console/setup/event-mappings', action: 'Map the event' };
    case 'NO_ACD_LOGIN':
      return { text: 'No ACD login', link: `/console/setup/employees?edit=${encodeURIComponent(employeeId)}`, action: 'Add a login' };
    case 'NO_SCHEDULE':
      return { text: 'No published schedule', link: `/console/schedules?employeeId=${encodeURIComponent(employeeId)}`, action: 'Open schedules' };
    case 'FEED_DOWN':
      return { text: 'ACD feed down', link: '/console/connections', action: 'Check connections' };
  }
}

export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
