// Hash routes: every page and its filters live in the URL fragment, so links can be shared, the
// back button works, and the server only ever serves `/`.
import { SEVERITIES, type Severity } from '../../model/severity.ts';
import { TRIAGE_STATES, type TriageState } from '../../store/schema.ts';

export const FINDING_KINDS = ['vulnerability', 'secret', 'misconfiguration', 'code', 'integrity'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const STATUSES = ['open', 'fixed', 'all'] as const;
export type Status = (typeof STATUSES)[number];
export const SORT_KEYS = ['risk', 'severity', 'title', 'package', 'first_seen', 'triage'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const RANGES = ['7d', '30d', '90d', '365d'] as const;
export type RangePreset = (typeof RANGES)[number];

export interface FindingView {
  branch?: string | undefined;
  status: Status;
  severities: Severity[];
  triage: TriageState[];
  kinds: FindingKind[];
  q?: string | undefined;
  sort: SortKey;
  descending: boolean;
}

export interface TrendView {
  project?: string | undefined;
  range: RangePreset | { from: string; to: string };
}

export type Route =
  | { page: 'login'; next?: string }
  | { page: 'overview' }
  | { page: 'trends'; view: TrendView }
  | { page: 'project'; project: string; view: FindingView }
  | { page: 'finding'; id: number }
  | { page: 'not-found'; path: string };

export const DEFAULT_FINDING_VIEW: FindingView = {
  status: 'open',
  severities: [],
  triage: [],
  kinds: [],
  sort: 'risk',
  descending: true,
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function listOf<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return [];
  const values = raw.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  return [...new Set(values)];
}

function oneOf<T extends string>(raw: string | null, allowed: readonly T[], fallback: T): T {
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

function findingView(params: URLSearchParams): FindingView {
  const branch = params.get('branch');
  const q = params.get('q');
  const sort = oneOf(params.get('sort'), SORT_KEYS, DEFAULT_FINDING_VIEW.sort);
  return {
    ...(branch ? { branch } : {}),
    status: oneOf(params.get('status'), STATUSES, DEFAULT_FINDING_VIEW.status),
    severities: listOf(params.get('severity'), SEVERITIES),
    triage: listOf(params.get('triage'), TRIAGE_STATES),
    kinds: listOf(params.get('kind'), FINDING_KINDS),
    ...(q ? { q: q.slice(0, 200) } : {}),
    sort,
    descending: params.has('dir') ? params.get('dir') !== 'asc' : defaultDescending(sort),
  };
}

/** Numbers and dates read best largest or newest first; names from A. */
export function defaultDescending(sort: SortKey): boolean {
  return sort === 'risk' || sort === 'severity';
}

function trendView(params: URLSearchParams): TrendView {
  const project = params.get('project');
  const from = params.get('from');
  const to = params.get('to');
  const custom = from && to && DATE.test(from) && DATE.test(to) && from <= to ? { from, to } : undefined;
  return {
    ...(project ? { project } : {}),
    range: custom ?? oneOf(params.get('range'), RANGES, '30d'),
  };
}

/** The route of a location hash (`#/projects/web?severity=high`); unknown paths are not-found. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const queryAt = raw.indexOf('?');
  const path = queryAt < 0 ? raw : raw.slice(0, queryAt);
  const params = new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
  const parts = path.split('/').filter(Boolean);
  const [first, second] = parts;
  if (parts.length === 0) return { page: 'overview' };
  if (first === 'login' && parts.length === 1) {
    const next = params.get('next');
    return next?.startsWith('#/') && !next.startsWith('#/login')
      ? { page: 'login', next }
      : { page: 'login' };
  }
  if (first === 'trends' && parts.length === 1) return { page: 'trends', view: trendView(params) };
  if (first === 'projects' && second !== undefined && parts.length === 2) {
    const project = safeDecode(second);
    if (project) return { page: 'project', project, view: findingView(params) };
  }
  if (first === 'findings' && second !== undefined && parts.length === 2 && /^[1-9]\d{0,15}$/.test(second))
    return { page: 'finding', id: Number(second) };
  return { page: 'not-found', path };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function query(entries: [string, string | undefined][]): string {
  const params = new URLSearchParams();
  for (const [key, value] of entries) if (value) params.set(key, value);
  const text = params.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

/** The hash of a route; parseRoute(routeHash(r)) gives r back. Defaults are left out. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case 'overview':
      return '#/';
    case 'login':
      return `#/login${query([['next', route.next]])}`;
    case 'trends': {
      const { range, project } = route.view;
      const custom = typeof range === 'object' ? range : undefined;
      return `#/trends${query([
        ['project', project],
        ['range', typeof range === 'string' && range !== '30d' ? range : undefined],
        ['from', custom?.from],
        ['to', custom?.to],
      ])}`;
    }
    case 'project': {
      const v = route.view;
      return `#/projects/${encodeURIComponent(route.project)}${query([
        ['branch', v.branch],
        ['status', v.status === DEFAULT_FINDING_VIEW.status ? undefined : v.status],
        ['severity', v.severities.join(',')],
        ['triage', v.triage.join(',')],
        ['kind', v.kinds.join(',')],
        ['q', v.q],
        ['sort', v.sort === DEFAULT_FINDING_VIEW.sort ? undefined : v.sort],
        ['dir', v.descending === defaultDescending(v.sort) ? undefined : v.descending ? 'desc' : 'asc'],
      ])}`;
    }
    case 'finding':
      return `#/findings/${route.id}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

/** The API query of a project's findings view (sorting happens in the page, over what is loaded). */
export function findingsQuery(view: FindingView, limit: number): string {
  return query([
    ['branch', view.branch],
    ['status', view.status],
    ['severity', view.severities.join(',')],
    ['triage', view.triage.join(',')],
    ['kind', view.kinds.join(',')],
    ['q', view.q],
    ['limit', String(limit)],
  ]).slice(1);
}
