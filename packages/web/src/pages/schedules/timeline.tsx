import { memo } from 'react';

export interface TimelineSegment {
  start: string;
  end: string;
  color: string;
  label: string;
}

interface Window {
  from: number;
  to: number;
}

/** Horizontal bars of one employee's segments over a window, coloured by activity code. */
export const Timeline = memo(function Timeline({ segments, window, label }: { segments: TimelineSegment[]; window: Window; label: string }) {
  const span = window.to - window.from;
  const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <div className="timeline" role="img" aria-label={label} data-testid="schedule-timeline">
      {segments.map((segment) => {
        const start = Math.max(Date.parse(segment.start), window.from);
        const end = Math.min(Date.parse(segment.end), window.to);
        if (end <= start) return null;
        const title = `${segment.label} ${time(Date.parse(segment.start))}–${time(Date.parse(segment.end))}`;
        return (
          <span
            key={segment.start}
            className="seg"
            title={title}
            style={{ left: `${((start - window.from) / span) * 100}%`, width: `${((end - start) / span) * 100}%`, background: segment.color }}
          >
            {segment.label}
          </span>
        );
      })}
    </div>
  );
});

/** Tick labels under the timelines: hours for a day, weekdays for a week. */
export function TimelineAxis({ window, ticks }: { window: Window; ticks: Array<{ at: number; label: string }> }) {
  const span = window.to - window.from;
  return (
    <div className="timeline-axis" aria-hidden="true">
      {ticks.map((tick) => (
        <span key={tick.at} style={{ left: `${((tick.at - window.from) / span) * 100}%` }}>
          {tick.label}
        </span>
      ))}
    </div>
  );
}
