// A project: its branches and latest scans, the OpenVEX export, and its findings, filtered on the
// server (branch, status, severity, triage, kind, text) and sorted here by any column.
import { useState } from 'preact/hooks';
import { SEVERITIES } from '../../../model/severity.ts';
import { TRIAGE_STATES } from '../../../store/schema.ts';
import type { FindingSummary, FindingsPage, Project, Scan } from '../../logic/api-types.ts';
import {
  formatAge,
  formatDate,
  formatPackage,
  humanize,
  REACHABILITY_LABELS,
  SEVERITY_LABELS,
  TRIAGE_LABELS,
} from '../../logic/format.ts';
import {
  defaultDescending,
  FINDING_KINDS,
  type FindingView,
  findingsQuery,
  type SortKey,
  STATUSES,
} from '../../logic/route.ts';
import { sortFindings } from '../../logic/sort.ts';
import { triageSummary } from '../../logic/triage.ts';
import { ApiError, request } from '../api.ts';
import {
  Await,
  Columns,
  Empty,
  ErrorMessage,
  FindingLink,
  OptionalSelect,
  RiskCells,
} from '../components.tsx';
import { navigate, useApi, useTitle } from '../hooks.ts';

/** The most findings one page loads; beyond it the filters narrow the list. */
const LIMIT = 500;

export function ProjectPage(props: { project: string; view: FindingView }) {
  const { project, view } = props;
  useTitle(project);
  const path = `/projects/${encodeURIComponent(project)}`;
  const info = useApi<Project>(path);
  const scans = useApi<{ scans: Scan[] }>(`${path}/scans?limit=10`);
  const findings = useApi<FindingsPage>(`${path}/findings?${findingsQuery(view, LIMIT)}`);
  const show = (next: Partial<FindingView>) =>
    navigate({ page: 'project', project, view: { ...view, ...next } }, true);

  return (
    <main>
      <h1>{project}</h1>
      <Await
        loaded={info}
        what="the project"
        ready={(p) => (
          <>
            <dl class="facts">
              <dt>Branches</dt>
              <dd>{p.branches.join(', ') || '—'}</dd>
              <dt>Environments</dt>
              <dd>{p.environments.join(', ') || '—'}</dd>
              <dt>Last scan</dt>
              <dd>{formatDate(p.last_scan_at)}</dd>
            </dl>
            <OpenVexDownload project={project} branches={p.branches} branch={view.branch} />
          </>
        )}
      />
      <section aria-labelledby="scans-title">
        <h2 id="scans-title">Latest scans</h2>
        <Await loaded={scans} what="the scans" ready={(s) => <ScanTable scans={s.scans} />} />
      </section>
      <section aria-labelledby="findings-title">
        <h2 id="findings-title">Findings</h2>
        <Filters view={view} branches={info.state === 'ready' ? info.data.branches : []} onChange={show} />
        <Await
          loaded={findings}
          what="the findings"
          ready={(page) => <FindingTable page={page} view={view} onSort={show} />}
        />
      </section>
    </main>
  );
}

function OpenVexDownload(props: { project: string; branches: string[]; branch: string | undefined }) {
  const branch = props.branch ?? (props.branches.includes('main') ? 'main' : props.branches[0]);
  const [error, setError] = useState<ApiError | undefined>();
  if (!branch) return null;
  async function download() {
    setError(undefined);
    try {
      const document = await request<unknown>(
        'GET',
        `/projects/${encodeURIComponent(props.project)}/openvex?branch=${encodeURIComponent(branch!)}`,
      );
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(document, null, 2)], { type: 'application/openvex+json' }),
      );
      const link = Object.assign(window.document.createElement('a'), {
        href: url,
        download: `${props.project.replace(/[^\w.-]+/g, '_')}-${branch!.replace(/[^\w.-]+/g, '_')}.openvex.json`,
      });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
    }
  }
  return (
    <p>
      <button type="button" onClick={download}>
        Download OpenVEX ({branch})
      </button>{' '}
      <span class="help">triage decisions and fixes as VEX statements</span>
      {error && <ErrorMessage error={error} what="the OpenVEX document" />}
    </p>
  );
}

function ScanTable(props: { scans: Scan[] }) {
  if (props.scans.length === 0) return <Empty>No scans yet.</Empty>;
  const now = new Date();
  return (
    <table class="scans">
      <Columns
        columns={[
          'When',
          'Branch',
          'Environment',
          'Commit',
          'Format',
          { label: 'Components', numeric: true },
          { label: 'Findings', numeric: true },
          'Coverage',
        ]}
      />
      <tbody>
        {props.scans.map((s) => (
          <tr key={s.id} data-scan={s.id}>
            <td title={formatDate(s.created_at)}>{formatAge(s.created_at, now)}</td>
            <td>{s.branch}</td>
            <td>{s.environment}</td>
            <td>
              <code>{s.commit?.slice(0, 12) ?? '—'}</code>
            </td>
            <td>{s.format}</td>
            <td class="number">{s.components}</td>
            <td class="number">{s.matched ? s.findings : 'matching…'}</td>
            <td>{s.complete ? 'complete' : 'partial'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

function Checkboxes<T extends string>(props: {
  legend: string;
  name: string;
  values: readonly T[];
  labels: Record<string, string> | ((value: T) => string);
  selected: readonly T[];
  onChange: (selected: T[]) => void;
}) {
  const label = (v: T) => (typeof props.labels === 'function' ? props.labels(v) : (props.labels[v] ?? v));
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.values.map((v) => (
        <label key={v}>
          <input
            type="checkbox"
            name={props.name}
            value={v}
            checked={props.selected.includes(v)}
            onChange={(e) => props.onChange(toggle(props.selected, v, e.currentTarget.checked))}
          />{' '}
          {label(v)}
        </label>
      ))}
    </fieldset>
  );
}

function Filters(props: {
  view: FindingView;
  branches: string[];
  onChange: (next: Partial<FindingView>) => void;
}) {
  const { view, onChange } = props;
  const [q, setQ] = useState(view.q ?? '');
  return (
    <form
      class="filters"
      aria-label="Filter findings"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ q: q.trim() || undefined });
      }}
    >
      <OptionalSelect
        label="Branch"
        name="branch"
        value={view.branch}
        none="all branches"
        options={props.branches}
        onChange={(branch) => onChange({ branch })}
      />
      <label>
        Status{' '}
        <select
          name="status"
          value={view.status}
          onChange={(e) => onChange({ status: e.currentTarget.value as FindingView['status'] })}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <Checkboxes
        legend="Severity"
        name="severity"
        values={SEVERITIES}
        labels={SEVERITY_LABELS}
        selected={view.severities}
        onChange={(severities) => onChange({ severities })}
      />
      <Checkboxes
        legend="Triage"
        name="triage"
        values={TRIAGE_STATES}
        labels={TRIAGE_LABELS}
        selected={view.triage}
        onChange={(triage) => onChange({ triage })}
      />
      <Checkboxes
        legend="Kind"
        name="kind"
        values={FINDING_KINDS}
        labels={humanize}
        selected={view.kinds}
        onChange={(kinds) => onChange({ kinds })}
      />
      <label>
        Search{' '}
        <input
          type="search"
          name="q"
          value={q}
          maxLength={200}
          placeholder="title, rule, package or advisory id"
          onInput={(e) => setQ(e.currentTarget.value)}
        />
      </label>
      <button type="submit">Search</button>
    </form>
  );
}

const COLUMNS: { key: SortKey | undefined; label: string; numeric?: boolean }[] = [
  { key: 'risk', label: 'Risk', numeric: true },
  { key: 'severity', label: 'Severity' },
  { key: 'title', label: 'Finding' },
  { key: 'package', label: 'Package' },
  { key: undefined, label: 'Reachability' },
  { key: undefined, label: 'Fix' },
  { key: 'triage', label: 'Triage' },
  { key: 'first_seen', label: 'First seen' },
];

function FindingTable(props: {
  page: FindingsPage;
  view: FindingView;
  onSort: (next: Partial<FindingView>) => void;
}) {
  const { page, view } = props;
  if (page.total === 0) return <Empty>No findings match these filters.</Empty>;
  const rows = sortFindings(page.findings, view.sort, view.descending);
  const now = new Date();
  const sortBy = (key: SortKey) =>
    props.onSort({ sort: key, descending: key === view.sort ? !view.descending : defaultDescending(key) });
  return (
    <>
      <p role="status" class="count">
        {page.total > page.findings.length
          ? `The ${page.findings.length} riskiest of ${page.total} findings; narrow the filters to see the rest.`
          : `${page.total} ${page.total === 1 ? 'finding' : 'findings'}`}
      </p>
      <table class="findings">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.label}
                scope="col"
                class={c.numeric ? 'number' : undefined}
                aria-sort={
                  c.key && c.key === view.sort ? (view.descending ? 'descending' : 'ascending') : undefined
                }
              >
                {c.key ? (
                  <button type="button" class="sort" onClick={() => sortBy(c.key!)}>
                    {c.label}
                    <span aria-hidden="true">
                      {c.key === view.sort ? (view.descending ? ' ▼' : ' ▲') : ''}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <FindingRow key={f.id} finding={f} now={now} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function FindingRow(props: { finding: FindingSummary; now: Date }) {
  const f = props.finding;
  return (
    <tr data-finding={f.id}>
      <RiskCells finding={f} />
      <td>
        <FindingLink finding={f} />
        <br />
        <small>
          <code>{f.rule_id}</code> · {f.path}
        </small>
      </td>
      <td>{formatPackage(f.package)}</td>
      <td>{f.reachability ? (REACHABILITY_LABELS[f.reachability] ?? f.reachability) : '—'}</td>
      <td>{f.fixed_version ?? '—'}</td>
      <td>{triageSummary(f.triage)}</td>
      <td title={formatDate(f.first_seen_at)}>{formatAge(f.first_seen_at, props.now)}</td>
    </tr>
  );
}
