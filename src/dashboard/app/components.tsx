// Small pieces every page uses: state messages, badges, links.
import type { ComponentChildren } from 'preact';
import type { Severity } from '../../model/severity.ts';
import type { FindingSummary } from '../logic/api-types.ts';
import { SEVERITY_LABELS } from '../logic/format.ts';
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
