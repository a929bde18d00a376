import {
  type Component,
  type ComponentSource,
  type Ecosystem,
  makePurl,
  type Scope,
  strongerScope,
} from '../model/index.ts';
import type { ExtractResult, UnresolvedEntry } from './extractor.ts';

export interface ComponentEntry {
  name: string;
  version?: string | undefined;
  scope?: Scope;
  direct?: boolean;
  licenses?: string[];
  line: number;
  source?: ComponentSource;
  /** purl qualifiers beyond the ecosystem's defaults (e.g. `vcs_url` for a git dependency). */
  qualifiers?: Record<string, string>;
}

/**
 * Accumulates one file's components. The same package may be listed several times (npm nests
 * copies, pnpm lists peer variants): entries with one purl merge into one component whose scope
 * is the strongest seen, direct if any entry is direct, at the first line seen.
 */
export class ComponentCollector {
  private readonly byPurl = new Map<string, Component>();
  private readonly edges = new Map<string, Set<string>>();
  readonly unresolved: UnresolvedEntry[] = [];

  private readonly ecosystem: Ecosystem;
  private readonly path: string;

  constructor(ecosystem: Ecosystem, path: string) {
    this.ecosystem = ecosystem;
    this.path = path;
  }

  /** Adds an entry and returns its purl, to be used in `addEdge`. */
  add(entry: ComponentEntry): string {
    const purl = makePurl(this.ecosystem, entry.name, entry.version, entry.qualifiers);
    const existing = this.byPurl.get(purl);
    if (existing) {
      existing.scope = strongerScope(existing.scope, entry.scope ?? 'prod');
      existing.direct ||= entry.direct ?? false;
      for (const license of entry.licenses ?? []) {
        if (!existing.licenses.includes(license)) existing.licenses.push(license);
      }
      return purl;
    }
    // Keys in the order of the public JSON contract (purl, ecosystem, name, version, scope, …).
    const component: Component = {
      purl,
      ecosystem: this.ecosystem,
      name: entry.name,
      ...(entry.version !== undefined && entry.version !== '' ? { version: entry.version } : {}),
      scope: entry.scope ?? 'prod',
      direct: entry.direct ?? false,
      licenses: [...(entry.licenses ?? [])],
      location: { path: this.path, line: entry.line },
      source: entry.source ?? { type: 'registry' },
      dependencies: [],
    };
    this.byPurl.set(purl, component);
    return purl;
  }

  has(purl: string): boolean {
    return this.byPurl.has(purl);
  }

  get(purl: string): Component | undefined {
    return this.byPurl.get(purl);
  }

  addEdge(from: string, to: string): void {
    if (from === to) return;
    let targets = this.edges.get(from);
    if (!targets) {
      targets = new Set();
      this.edges.set(from, targets);
    }
    targets.add(to);
  }

  unresolvedEntry(name: string, line: number, reason: string): void {
    this.unresolved.push({ name, line, reason });
  }

  /** Components sorted by purl, edges restricted to components of this file and sorted. */
  result(root?: ExtractResult['root']): ExtractResult {
    const components = [...this.byPurl.values()].sort((a, b) =>
      a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : 0,
    );
    for (const component of components) {
      const targets = this.edges.get(component.purl);
      if (targets) component.dependencies = [...targets].filter((t) => this.byPurl.has(t)).sort();
      component.licenses.sort();
    }
    const result: ExtractResult = { components, unresolved: this.unresolved };
    if (root) result.root = root;
    return result;
  }
}
