import { createHash } from 'node:crypto';
import {
  type ComponentSource,
  type Ecosystem,
  type ScanResult,
  type Scope,
  type SourceLocation,
  strongerScope,
} from '../model/index.ts';

/** One package of an SBOM: every component of the scan that has its purl, merged. */
export interface SbomPackage {
  purl: string;
  ecosystem: Ecosystem;
  name: string;
  version?: string;
  /** The strongest scope any file gives it: needed in production anywhere means production. */
  scope: Scope;
  /** Declared by the project itself in at least one file. */
  direct: boolean;
  /** SPDX expressions, sorted and unique. */
  licenses: string[];
  /** Every file and line that lists it, sorted. */
  locations: SourceLocation[];
  source: ComponentSource;
  /** purls of other packages of the graph, sorted and unique. */
  dependencies: string[];
}

/** The scan as a dependency graph rooted at the scanned target, the shape every SBOM format needs. */
export interface SbomGraph {
  rootName: string;
  /** Sorted by purl (code-unit order, independent of the locale). */
  packages: SbomPackage[];
  /** purls of the packages the root depends on directly, sorted. */
  direct: string[];
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return compareStrings(a.path, b.path) || a.line - b.line;
}

/**
 * Merges the scan's components by purl: the same package found in several lockfiles is one
 * package of the SBOM with all its locations, and its edges are the union of every file's,
 * restricted to packages the graph knows.
 */
export function buildSbomGraph(result: ScanResult): SbomGraph {
  const ordered = [...result.components].sort(
    (a, b) => compareStrings(a.purl, b.purl) || compareLocations(a.location, b.location),
  );
  const packages: SbomPackage[] = [];
  const known = new Set<string>();
  // Components arrive sorted by purl, so the copies of one package are adjacent.
  let current: SbomPackage | undefined;
  for (const component of ordered) {
    if (current?.purl === component.purl) {
      current.scope = strongerScope(current.scope, component.scope);
      current.direct ||= component.direct;
      current.licenses.push(...component.licenses);
      current.locations.push(component.location);
      current.dependencies.push(...component.dependencies);
      continue;
    }
    current = {
      purl: component.purl,
      ecosystem: component.ecosystem,
      name: component.name,
      scope: component.scope,
      direct: component.direct,
      licenses: [...component.licenses],
      locations: [{ path: component.location.path, line: component.location.line }],
      source: component.source,
      dependencies: [...component.dependencies],
    };
    if (component.version !== undefined && component.version !== '') current.version = component.version;
    packages.push(current);
    known.add(component.purl);
  }
  for (const pkg of packages) {
    pkg.licenses = sortedUnique(pkg.licenses.map((l) => l.trim()).filter((l) => l !== ''));
    if (pkg.locations.length > 1) pkg.locations = uniqueLocations(pkg.locations);
    pkg.dependencies = sortedUnique(pkg.dependencies.filter((t) => t !== pkg.purl && known.has(t)));
  }
  return {
    rootName: rootName(result.target),
    packages,
    direct: packages.filter((p) => p.direct).map((p) => p.purl),
  };
}

function sortedUnique(values: string[]): string[] {
  if (values.length <= 1) return values;
  const sorted = values.sort(compareStrings);
  return sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
}

function uniqueLocations(locations: SourceLocation[]): SourceLocation[] {
  const sorted = locations.sort(compareLocations);
  return sorted.filter((l, i) => i === 0 || compareLocations(l, sorted[i - 1] as SourceLocation) !== 0);
}

/**
 * A digest of the graph's content, for identifiers that must change when the content does and
 * only then. Packages render as lines (cheaper than JSON of 10,000 objects).
 */
export function graphDigest(graph: SbomGraph, ...extra: string[]): string {
  const lines = [graph.rootName, ...extra];
  for (const p of graph.packages) {
    let locations = '';
    for (const l of p.locations) locations += `${l.path}:${l.line} `;
    const source = p.source.type === 'registry' ? '' : JSON.stringify(p.source);
    lines.push(
      `${p.purl}\t${p.name}\t${p.version ?? ''}\t${p.scope}\t${p.direct}\t${p.licenses.join(' , ')}\t${locations}\t${source}\t${p.dependencies.join(' ')}`,
    );
  }
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** The root application's name: the last segment of the target as the user named it. */
export function rootName(target: string): string {
  const segments = target.split(/[/\\]+/).filter((s) => s !== '' && s !== '.' && s !== '..');
  return segments.at(-1) ?? 'project';
}

/** `path#Lline`, the usual way to point at a line of a file. */
export function formatLocation(location: SourceLocation): string {
  return `${location.path}#L${location.line}`;
}

/**
 * One SPDX expression for a package's licenses. A package that declares several licenses is
 * taken to carry all of them (AND), the conservative reading; compound expressions are
 * parenthesized so the operators keep their meaning.
 */
export function combinedLicenseExpression(licenses: readonly string[]): string | undefined {
  if (licenses.length <= 1) return licenses[0];
  return licenses.map((l) => (isCompound(l) && !isParenthesized(l) ? `(${l})` : l)).join(' AND ');
}

export function isCompound(expression: string): boolean {
  return /\s/.test(expression.trim());
}

function isParenthesized(expression: string): boolean {
  const text = expression.trim();
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    // The opening parenthesis closes before the end: "(A) AND (B)".
    if (depth === 0 && i < text.length - 1) return false;
  }
  return true;
}

/** The `LicenseRef-` identifiers an expression uses, which SPDX documents must define. */
export function licenseRefs(expression: string): string[] {
  return expression.match(/\bLicenseRef-[A-Za-z0-9.-]+/g) ?? [];
}

/**
 * A git remote as a URL: scp-like `git@host:owner/repo` becomes `ssh://git@host/owner/repo`,
 * which URL parsers and SBOM schemas (iri-reference) accept.
 */
export function gitRemoteUrl(url: string): string {
  const scp = /^(?:([\w.-]+)@)?([\w-]+(?:\.[\w-]+)*):(?!\/\/)(.*)$/.exec(url);
  // Without a user, only a dotted host is a remote: `github:owner/repo` is a URL already.
  if (!scp || (scp[1] === undefined && !scp[2]?.includes('.'))) return url;
  const user = scp[1] === undefined ? '' : `${scp[1]}@`;
  return `ssh://${user}${scp[2]}/${(scp[3] ?? '').replace(/^\/+/, '')}`;
}
