// The portfolio: headline metrics over the last 30 days, every readable project with its open
// findings by severity, and the riskiest open findings across all of them.
import { SEVERITIES } from '../../../model/severity.ts';
import type { FindingsPage, MetricsResponse, Project } from '../../logic/api-types.ts';
import { formatAge, formatMetric, formatNumber, formatPackage, SEVERITY_LABELS } from '../../logic/format.ts';
import { headlines } from '../../logic/metrics.ts';
import { DEFAULT_FINDING_VIEW } from '../../logic/route.ts';
import { Await, Columns, Empty, FindingLink, Link, RiskCells } from '../components.tsx';
import { useApi, useTitle } from '../hooks.ts';

export function OverviewPage() {
  useTitle('Overview');
  const projects = useApi<{ projects: Project[] }>('/projects');
  const top = useApi<FindingsPage>('/findings?status=open&limit=10');
  const metrics = useApi<MetricsResponse>('/metrics?interval=day');
  return (
    <main>
      <h1>Overview</h1>
      <section aria-labelledby="headline-title">
        <h2 id="headline-title">Last 30 days, all projects</h2>
        <Await loaded={metrics} what="the metrics" ready={(m) => <Headlines metrics={m} />} />
        <p>
          <Link to={{ page: 'trends', view: { range: '30d' } }}>Trends over time</Link>
        </p>
      </section>
      <section aria-labelledby="projects-title">
        <h2 id="projects-title">Projects</h2>
        <Await loaded={projects} what="the projects" ready={(p) => <ProjectTable projects={p.projects} />} />
      </section>
      <section aria-labelledby="top-title">
        <h2 id="top-title">Riskiest open findings</h2>
        <Await loaded={top} what="the findings" ready={(page) => <TopFindings page={page} />} />
      </section>
    </main>
  );
}

function Headlines(props: { metrics: MetricsResponse }) {
  return (
    <dl class="headline">
      {headlines(props.metrics).map((h) => (
        <div key={h.key} data-metric={h.key}>
          <dt>{h.label}</dt>
          <dd class="value">{formatMetric(h.value, h.unit)}</dd>
          <dd class="help">
            {h.help}
            {h.samples !== undefined && h.samples > 0 ? ` (${formatNumber(h.samples, 0)} measured)` : ''}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ProjectTable(props: { projects: Project[] }) {
  if (props.projects.length === 0)
    return (
      <Empty>
        No projects yet. Upload a scan: <code>palisade scan --upload</code> or{' '}
        <code>palisade upload results scan.json --project NAME</code>.
      </Empty>
    );
  const now = new Date();
  return (
    <table class="projects">
      <caption class="visually-hidden">Projects and their open findings by severity</caption>
      <Columns
        columns={[
          'Project',
          'Last scan',
          ...SEVERITIES.map((s) => ({ label: SEVERITY_LABELS[s], numeric: true as const })),
          { label: 'Open', numeric: true },
        ]}
      />
      <tbody>
        {props.projects.map((p) => (
          <tr key={p.name} data-project={p.name}>
            <th scope="row">
              <Link to={{ page: 'project', project: p.name, view: DEFAULT_FINDING_VIEW }}>{p.name}</Link>
            </th>
            <td>{p.last_scan_at ? formatAge(p.last_scan_at, now) : 'never'}</td>
            {SEVERITIES.map((s) => (
              <td class="number" key={s}>
                {p.open_findings[s] ?? 0}
              </td>
            ))}
            <td class="number" data-open>
              {Object.values(p.open_findings).reduce((a, b) => a + b, 0)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TopFindings(props: { page: FindingsPage }) {
  if (props.page.findings.length === 0) return <Empty>No open findings.</Empty>;
  return (
    <table class="findings">
      <caption class="visually-hidden">The riskiest open findings of every project</caption>
      <Columns
        columns={[{ label: 'Risk', numeric: true }, 'Severity', 'Finding', 'Project', 'Package', 'Fix']}
      />
      <tbody>
        {props.page.findings.map((f) => (
          <tr key={f.id}>
            <RiskCells finding={f} />
            <td>
              <FindingLink finding={f} />
            </td>
            <td>{f.project}</td>
            <td>{formatPackage(f.package)}</td>
            <td>{f.fixed_version ? `upgrade to ${f.fixed_version}` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
