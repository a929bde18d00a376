// One metric chart: uPlot on a canvas, with the same numbers in a table for screen readers and
// for reading without the canvas. Dragging across the chart selects a range of days.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDate, formatMetric, humanize } from '../logic/format.ts';
import type { ChartData } from '../logic/metrics.ts';

/** Severity lines in the badge colours; other lines from a palette readable on white. */
const COLORS: Record<string, string> = {
  critical: '#8b0000',
  high: '#d9480f',
  medium: '#b08800',
  low: '#1c7ed6',
  info: '#868e96',
};
const PALETTE = ['#1c7ed6', '#d9480f', '#2b8a3e', '#862e9c', '#495057'];

const COUNTED = new Set(['findings', 'episodes']);
const INTEGER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 100_000];

function colorOf(name: string, i: number): string {
  return COLORS[name] ?? PALETTE[i % PALETTE.length]!;
}

export function Chart(props: {
  id: string;
  title: string;
  data: ChartData;
  /** Called with the selected range, in seconds. */
  onSelect?: (from: number, to: number) => void;
}) {
  const { data, onSelect } = props;
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 280),
      height: 220,
      series: [
        { label: 'time', value: (_, v) => (v === null ? '—' : formatDate(new Date(v * 1000).toISOString())) },
        ...data.lines.map((line, i) => ({
          label: humanize(line.name),
          stroke: colorOf(line.name, i),
          width: 2,
          value: (_: uPlot, v: number | null) => formatMetric(v, data.unit),
        })),
      ],
      axes: [
        {},
        {
          values: (_, ticks) => ticks.map((t) => formatMetric(t, data.unit)),
          size: 70,
          // Counts step by whole numbers.
          ...(COUNTED.has(data.unit) ? { incrs: INTEGER_STEPS } : {}),
        },
      ],
      // From zero; shares up to 100%, counts and durations to at least 1.
      scales: {
        y: { range: (_, min, max) => [Math.min(0, min), data.unit === 'ratio' ? 1 : Math.max(max, 1)] },
      },
      cursor: { drag: { x: true, y: false, setScale: false } },
      hooks: {
        setSelect: [
          (u) => {
            if (!onSelect || u.select.width < 2) return;
            onSelect(u.posToVal(u.select.left, 'x'), u.posToVal(u.select.left + u.select.width, 'x'));
          },
        ],
      },
    };
    const plot = new uPlot(
      options,
      [data.x, ...data.lines.map((l) => l.values)] as uPlot.AlignedData,
      element,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(element.clientWidth, 280), height: 220 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, onSelect]);

  return (
    <figure class="chart" aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <div ref={container} class="chart-canvas" aria-hidden="true" />
      <details>
        <summary>Values</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Until</th>
              {data.lines.map((line) => (
                <th scope="col" key={line.name}>
                  {humanize(line.name)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.x.map((x, i) => (
              <tr key={x}>
                <th scope="row">{formatDate(new Date(x * 1000).toISOString())}</th>
                {data.lines.map((line) => (
                  <td key={line.name}>{formatMetric(line.values[i], data.unit)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
