import type { Ecosystem } from './ecosystem.ts';

export type Scope = 'prod' | 'dev' | 'optional';

/** Where a component's entry stands: the lockfile or manifest and the 1-based line of its entry. */
export interface SourceLocation {
  path: string;
  line: number;
}

/**
 * How the package manager obtains the component. Only `registry` components are comparable
 * with advisories by name and version; the others are recorded as what they are.
 */
export type ComponentSource =
  | { type: 'registry' }
  | { type: 'git'; url: string; ref?: string }
  | { type: 'path'; path: string; link: boolean }
  | { type: 'url'; url: string };

export interface Component {
  /** Package URL, the identity of the component (version included when known). */
  purl: string;
  ecosystem: Ecosystem;
  name: string;
  /** Absent when the manifest does not pin one (e.g. `requests>=2` in requirements.txt). */
  version?: string;
  scope: Scope;
  direct: boolean;
  /** SPDX license expressions. */
  licenses: string[];
  location: SourceLocation;
  source: ComponentSource;
  /** purls of the components this one depends on, sorted. */
  dependencies: string[];
}

const SCOPE_STRENGTH: Record<Scope, number> = { prod: 2, optional: 1, dev: 0 };

/** The stronger of two scopes: a package needed in production is production, whatever else needs it. */
export function strongerScope(a: Scope, b: Scope): Scope {
  return SCOPE_STRENGTH[a] >= SCOPE_STRENGTH[b] ? a : b;
}

export function compareComponents(a: Component, b: Component): number {
  return a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : a.location.line - b.location.line;
}
