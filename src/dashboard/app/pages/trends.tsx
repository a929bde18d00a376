// The metrics over time, for the portfolio or one project: a range preset or chosen dates (or a
// range dragged across any chart), one uPlot chart per metric.
import { useCallback, useState } from 'preact/hooks';
import type { MetricsResponse, Project } from '../../logic/api-types.ts';
import { CHARTS, chartData, metricRange } from '../../logic/metrics.ts';
import { RANGES, type TrendView } from '../../logic/route.ts';
import { Chart } from '../chart.tsx';
import { Await, Empty, OptionalSelect } from '../components.tsx';
import { navigate, useApi, useTitle } from '../hooks.ts';

const RANGE_LABELS = { '7d': '7 days', '30d': '30 days', '90d': '90 days', '365d': 'a year' } as const;
const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

export function TrendsPage(props: { view: TrendView }) {
  const { view } = props;
  useTitle('Trends');
  const [now] = useState(() => new Date());
  const range = metricRange(view.range, now);
  const query = new URLSearchParams({ from: range.from, to: range.to, interval: range.interval });
  if (view.project) query.set('project', view.project);
  const metrics = useApi<MetricsResponse>(`/metrics?${query}`);
  const projects = useApi<{ projects: Project[] }>('/projects');
  const show = (next: Partial<TrendView>) => navigate({ page: 'trends', view: { ...view, ...next } }, true);
  const select = useCallback(
    (from: number, to: number) => {
      const first = day(from);
      const last = day(to);
      navigate({ page: 'trends', view: { ...view, range: { from: first, to: last } } });
    },
    [view],
  );

  return (
    <main>
      <h1>Trends</h1>
      <form class="filters" aria-label="Choose the metrics" onSubmit={(e) => e.preventDefault()}>
        <OptionalSelect
          label="Project"
          name="project"
          value={view.project}
          none="all projects"
          options={projects.state === 'ready' ? projects.data.projects.map((p) => p.name) : []}
          onChange={(project) => show({ project })}
        />
        <fieldset>
          <legend>Range</legend>
          {RANGES.map((r) => (
            <label key={r}>
              <input
                type="radio"
                name="range"
                value={r}
                checked={view.range === r}
                onChange={() => show({ range: r })}
              />{' '}
              {RANGE_LABELS[r]}
            </label>
          ))}
        </fieldset>
        <DateRange view={view} range={range} onChange={(from, to) => show({ range: { from, to } })} />
      </form>
      <p class="help">
        {range.from.slice(0, 10)} to {range.to.slice(0, 10)}, by {range.interval}. Drag across a chart to look
        closer at those days.
      </p>
      <Await
        loaded={metrics}
        what="the metrics"
        ready={(m) =>
          m.projects.length === 0 ? (
            <Empty>No projects to measure yet.</Empty>
          ) : (
            <div class="charts">
              {CHARTS.map((spec) => {
                const data = chartData(m, spec);
                return data ? (
                  <Chart
                    key={spec.key}
                    id={`chart-${spec.key}`}
                    title={spec.title}
                    data={data}
                    onSelect={select}
                  />
                ) : null;
              })}
            </div>
          )
        }
      />
    </main>
  );
}

function DateRange(props: {
  view: TrendView;
  range: { from: string; to: string };
  onChange: (from: string, to: string) => void;
}) {
  const custom = typeof props.view.range === 'object' ? props.view.range : undefined;
  const [from, setFrom] = useState(custom?.from ?? props.range.from.slice(0, 10));
  const [to, setTo] = useState(custom?.to ?? props.range.to.slice(0, 10));
  const valid = from !== '' && to !== '' && from <= to;
  return (
    <fieldset>
      <legend>Dates</legend>
      <label>
        From{' '}
        <input
          type="date"
          name="from"
          value={from}
          max={to}
          onInput={(e) => setFrom(e.currentTarget.value)}
        />
      </label>{' '}
      <label>
        to <input type="date" name="to" value={to} min={from} onInput={(e) => setTo(e.currentTarget.value)} />
      </label>{' '}
      <button type="button" disabled={!valid} onClick={() => props.onChange(from, to)}>
        Show
      </button>
    </fieldset>
  );
}
