// Small pieces every page uses: state messages, badges, links.
import type { ComponentChildren } from 'preact';
import type { Severity } from '../../model/severity.ts';
import type { FindingSummary } from '../logic/api-types.ts';
import { formatNumber, SEVERITY_LABELS } from '../logic/format.ts';
import { type Route, routeHash } from '../logic/route.ts';
import type { ApiError } from './api.ts';
import type { Loaded } from './hooks.ts';

export function Link(props: { to: Route; children: ComponentChildren; class?: string }) {
  return (
    <a href={routeHash(props.to)} class={props.class}>
      {props.children}
    </a>
  );
}

/** What went wrong, in words: forbidden and not-found read differently from a failure. */
export function ErrorMessage(props: { error: ApiError; what: string; doing?: 'load' | 'save' }) {
  const { error, what } = props;
  const saving = props.doing === 'save';
  const title =
    error.status === 403
      ? `You cannot ${saving ? 'change' : 'see'} ${what}`
      : error.status === 404
        ? `${what[0]?.toUpperCase()}${what.slice(1)} was not found`
        : error.status === 0
          ? 'No connection to the server'
          : `Could not ${saving ? 'save' : 'load'} ${what}`;
  return (
    <div class="error" role="alert">
      <strong>{title}.</strong> {error.message}
    </div>
  );
}

export function Loading(props: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {props.what}…
    </p>
  );
}

/** Renders `ready` with the data, or the loading or error state. */
export function Await<T>(props: { loaded: Loaded<T>; what: string; ready: (data: T) => ComponentChildren }) {
  const { loaded } = props;
  if (loaded.state === 'loading') return <Loading what={props.what} />;
  if (loaded.state === 'error') return <ErrorMessage error={loaded.error} what={props.what} />;
  return <>{props.ready(loaded.data)}</>;
}

export function Empty(props: { children: ComponentChildren }) {
  return <p class="empty">{props.children}</p>;
}

export function SeverityBadge(props: { severity: string }) {
  const label = SEVERITY_LABELS[props.severity as Severity] ?? props.severity;
  return <span class={`badge severity-${props.severity}`}>{label}</span>;
}

export function KevBadge(props: { kev: boolean }) {
  return props.kev ? (
    <abbr class="badge kev" title="In the CISA Known Exploited Vulnerabilities catalog">
      KEV
    </abbr>
  ) : null;
}

export function FindingLink(props: { finding: FindingSummary }) {
  return <Link to={{ page: 'finding', id: props.finding.id }}>{props.finding.title}</Link>;
}

/** The risk score and severity cells every findings table starts with. */
export function RiskCells(props: { finding: FindingSummary }) {
  const f = props.finding;
  return (
    <>
      <td class="number">{formatNumber(f.risk_score)}</td>
      <td>
        <SeverityBadge severity={f.severity} /> <KevBadge kev={f.kev} />
      </td>
    </>
  );
}

export type Column = string | { label: string; numeric: true };

/** A table's header row: one column header per label, numbers right-aligned. */
export function Columns(props: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((c) =>
          typeof c === 'string' ? (
            <th scope="col" key={c}>
              {c}
            </th>
          ) : (
            <th scope="col" class="number" key={c.label}>
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** A select whose first option means "no choice" (undefined). */
export function OptionalSelect(props: {
  label: string;
  name: string;
  value: string | undefined;
  none: string;
  options: readonly string[];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <label>
      {props.label}{' '}
      <select
        name={props.name}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.currentTarget.value || undefined)}
      >
        <option value="">{props.none}</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}
