import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './charts.css';
import { formatClock, formatDateTime, localDate } from './time';

/** One line of a chart; `values` align with the chart's `x`, `null` = no value (a gap). */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  dash?: number[];
  width?: number;
  /** Draw as steps: interval data holds its value for the whole interval. */
  step?: boolean;
  /** Mark each value with a dot, so a lone value between gaps is still visible. */
  points?: boolean;
}

/** A shaded stretch of the x axis (epoch seconds) with a label drawn at its top. */
export interface ChartBand {
  from: number;
  to: number;
  label: string;
}

export interface TimeSeriesChartProps {
  title: string;
  /** Epoch seconds, ascending. */
  x: number[];
  series: ChartSeries[];
  /** IANA zone the time axis and the legend are written in. */
  timeZone: string;
  height?: number;
  yLabel?: string;
  bands?: ChartBand[];
  /** Text alternative of the canvas for screen readers (the page has the numbers in a table). */
  summary: string;
  testId?: string;
}

/**
 * A thin React wrapper around uPlot: builds the plot when its shape changes (series, zone, height),
 * otherwise swaps the data into the existing plot (a periodic refetch does not tear the canvas down),
 * follows the container's width, and destroys the plot on unmount.
 */
export function TimeSeriesChart({ title, x, series, timeZone, height = 220, yLabel, bands, summary, testId }: TimeSeriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const bandsRef = useRef<ChartBand[]>(bands ?? []);
  bandsRef.current = bands ?? [];

  const data = useMemo(() => [x, ...series.map((s) => s.values)] as uPlot.AlignedData, [x, series]);
  // uPlot has nothing to scale an axis on without a value: show a note instead of an empty canvas.
  const hasData = x.length > 0 && series.some((s) => s.values.some((v) => v !== null));
  const shape = series.map((s) => `${s.label}|${s.color}|${s.dash?.join(',') ?? ''}|${s.step ? 1 : 0}|${s.points ? 1 : 0}`).join(';');

  useEffect(() => {
    const el = host.current;
    if (!el || !hasData) return;
    const stepped = uPlot.paths.stepped?.({ align: 1 });
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 280),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
      scales: { x: { time: true } },
      cursor: { drag: { x: true, y: false } },
      legend: { live: true },
      series: [
        { label: `Time (${timeZone})`, value: (_u, v) => (v === null ? '—' : formatDateTime(v * 1000, timeZone)) },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.width ?? 2,
          dash: s.dash,
          spanGaps: false,
          points: { show: s.points ?? false, size: 5 },
          ...(s.step && stepped ? { paths: stepped } : {}),
        })),
      ],
      axes: [
        {
          stroke: 'currentColor',
          grid: { stroke: 'rgba(128,128,128,0.2)' },
          // 24-hour wall clock of the zone; dates once the view spans more than two days.
          values: (u, splits) => {
            const span = (u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0);
            return splits.map((t) => {
              if (span <= 2 * 86_400) return formatClock(t * 1000, timeZone);
              const clock = formatClock(t * 1000, timeZone);
              const day = localDate(t * 1000, timeZone).slice(5);
              return clock === '00:00' ? day : `${day} ${clock}`;
            });
          },
        },         { stroke: 'currentColor', label: yLabel, grid: { stroke: 'rgba(128,128,128,0.2)' } },
      ],
      hooks: {
        drawClear: [
          (u) => {
            const ctx = u.ctx;
            const { top, height: h } = u.bbox;
            ctx.save();
            for (const b of bandsRef.current) {
              const x0 = u.valToPos(b.from, 'x', true);
              const x1 = u.valToPos(b.to, 'x', true);
              if (x1 < u.bbox.left || x0 > u.bbox.left + u.bbox.width) continue;
              ctx.fillStyle = 'rgba(200, 140, 0, 0.15)';
              ctx.fillRect(x0, top, Math.max(x1 - x0, 2), h);
              ctx.fillStyle = 'rgba(140, 90, 0, 0.9)';
              ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
              ctx.fillText(b.label, x0 + 3, top + 12 * devicePixelRatio);
            }
            ctx.restore();
          },
        ],
      },
    };
    const u = new uPlot(opts, data, el);
    plot.current = u;
    const observer = new ResizeObserver(() => {
      const width = Math.max(el.clientWidth, 280);
      if (width !== u.width) u.setSize({ width, height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Rebuilt only when its shape changes (data and bands are left out on purpose): new data goes
    // through setData below.
  }, [shape, timeZone, height, yLabel, hasData]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  useEffect(() => {
    plot.current?.redraw(false, false);
  }, [bands]);

  return (
    <figure className="ts-chart" data-testid={testId}>
      <figcaption className="ts-chart__title">{title}</figcaption>
      {hasData ? (
        <div ref={host} className="ts-chart__plot" role="img" aria-label={`${title}. ${summary}`} />
      ) : (
        <p className="muted">No data to chart for this selection.</p>
      )}
    </figure>
  );
}
