import { filter as pep440Filter } from '@renovatebot/pep440';
import { normalizePypiName, type Scope } from '../../model/index.ts';
import type { ComponentCollector } from '../collector.ts';
import type { SourceInfo } from './sources.ts';

/** One edge as a lockfile or manifest writes it: a name, and what narrows it down when the name is ambiguous. */
export interface DependencyRef {
  name: string;
  /** Exact version, when the lockfile says which of several same-named packages is meant (uv). */
  version?: string | undefined;
  /** Version specifier, to choose among same-named packages (poetry, pdm). */
  specifier?: string | undefined;
  /** Extras requested on the edge: the target's dependencies for those extras come along. */
  extras?: readonly string[] | undefined;
}

/** One locked package, as every Python lockfile extractor hands it over. */
export interface LockPackage {
  name: string;
  version?: string | undefined;
  line: number;
  source: SourceInfo;
  dependencies: readonly DependencyRef[];
  /** Dependencies that come only with an extra of this package, by extra name. */
  optionalDependencies?: ReadonlyMap<string, readonly DependencyRef[]>;
  /** Scope the lockfile states (poetry category or groups, pdm groups, Pipfile.lock section). */
  scope?: Scope | undefined;
  /** Scope when the lockfile states none and the project's declared dependencies do not reach the package. */
  fallbackScope?: Scope;
}

/** What the project itself declares (pyproject.toml, Pipfile, uv's root package): the direct dependencies. */
export interface DeclaredDependencies {
  prod: DependencyRef[];
  optional: DependencyRef[];
  dev: DependencyRef[];
}

/**
 * Adds a lockfile's packages with their edges. Direct means declared by the project; without a
 * declaration (`declared` undefined) nothing is claimed direct. A package whose scope the lockfile
 * does not state gets the strongest scope from which the declared dependencies reach it: production
 * first, then extras, then development groups.
 */
export function collectLock(
  collector: ComponentCollector,
  packages: readonly LockPackage[],
  declared: DeclaredDependencies | undefined,
): void {
  const graph = new LockGraph(packages);
  const direct = new Set<number>();
  const reached = new Map<number, Scope>();
  const scopesFromGraph = packages.some((pkg) => pkg.scope === undefined);
  if (declared) {
    for (const scope of ['prod', 'optional', 'dev'] as const) {
      for (const ref of declared[scope]) for (const i of graph.resolve(ref)) direct.add(i);
      if (scopesFromGraph) graph.markReachable(declared[scope], scope, reached);
    }
  }
  const purls = packages.map((pkg, i) =>
    collector.add({
      name: pkg.name,
      version: pkg.version,
      scope: pkg.scope ?? reached.get(i) ?? pkg.fallbackScope ?? 'prod',
      direct: direct.has(i),
      line: pkg.line,
      source: pkg.source.source,
      ...(pkg.source.qualifiers ? { qualifiers: pkg.source.qualifiers } : {}),
    }),
  );
  // An extra's dependencies are edges only where something asks for that extra: requests[socks] needs
  // PySocks, plain requests does not, and unrequested extras would draw edges to unrelated packages.
  const requested = graph.requestedExtras([
    ...packages.flatMap((p) => p.dependencies),
    ...allDeclared(declared),
  ]);
  packages.forEach((pkg, i) => {
    const from = purls[i] ?? '';
    const extras = [...(requested.get(i) ?? [])].flatMap((extra) => extraDependencies(pkg, extra));
    for (const ref of [...pkg.dependencies, ...extras]) {
      for (const j of graph.resolve(ref)) collector.addEdge(from, purls[j] ?? '');
    }
  });
}

function allDeclared(declared: DeclaredDependencies | undefined): DependencyRef[] {
  return declared ? [...declared.prod, ...declared.optional, ...declared.dev] : [];
}

class LockGraph {
  private readonly byName = new Map<string, number[]>();
  private readonly packages: readonly LockPackage[];

  constructor(packages: readonly LockPackage[]) {
    this.packages = packages;
    packages.forEach((pkg, i) => {
      const key = normalizePypiName(pkg.name);
      const list = this.byName.get(key);
      if (list) list.push(i);
      else this.byName.set(key, [i]);
    });
  }

  /** The packages an edge may point at: all same-named ones unless a version or specifier picks. */
  resolve(ref: DependencyRef): number[] {
    const candidates = this.byName.get(normalizePypiName(ref.name)) ?? [];
    if (candidates.length < 2) return candidates;
    if (ref.version !== undefined) {
      const exact = candidates.filter((i) => this.packages[i]?.version === ref.version);
      if (exact.length > 0) return exact;
    }
    if (ref.specifier) {
      const matching = this.satisfying(candidates, ref.specifier);
      if (matching.length > 0) return matching;
    }
    return candidates;
  }

  private satisfying(candidates: number[], specifier: string): number[] {
    const versions = candidates.map((i) => this.packages[i]?.version ?? '');
    let allowed: string[];
    try {
      allowed = pep440Filter(versions, specifier, { prereleases: true });
    } catch {
      // pep440 throws on versions it cannot read; such an edge stays ambiguous.
      return [];
    }
    return candidates.filter((_, k) => allowed.includes(versions[k] ?? ''));
  }

  /** The extras asked of each package by `refs`, including through the extras those bring in. */
  requestedExtras(refs: readonly DependencyRef[]): Map<number, Set<string>> {
    const requested = new Map<number, Set<string>>();
    const queue = refs.filter((ref) => ref.extras && ref.extras.length > 0);
    for (let ref = queue.pop(); ref; ref = queue.pop()) {
      for (const i of this.resolve(ref)) {
        const pkg = this.packages[i];
        let set = requested.get(i);
        if (!set) {
          set = new Set();
          requested.set(i, set);
        }
        for (const extra of ref.extras ?? []) {
          const key = normalizePypiName(extra);
          if (set.has(key) || !pkg) continue;
          set.add(key);
          queue.push(...extraDependencies(pkg, key).filter((r) => r.extras && r.extras.length > 0));
        }
      }
    }
    return requested;
  }

  /** Marks, with `scope`, every package `roots` reach that no stronger walk has marked yet. */
  markReachable(roots: readonly DependencyRef[], scope: Scope, marks: Map<number, Scope>): void {
    const seen = new Set<string>();
    const queue: DependencyRef[] = [...roots];
    for (let ref = queue.pop(); ref; ref = queue.pop()) {
      for (const i of this.resolve(ref)) {
        if (!marks.has(i)) marks.set(i, scope);
        const pkg = this.packages[i];
        if (!pkg) continue;
        // One visit per package, plus one per extra requested of it.
        for (const part of [undefined, ...(ref.extras ?? [])]) {
          const key = part === undefined ? `${i}` : `${i}[${normalizePypiName(part)}]`;
          if (seen.has(key)) continue;
          seen.add(key);
          const next = part === undefined ? pkg.dependencies : extraDependencies(pkg, part);
          queue.push(...next);
        }
      }
    }
  }
}

function extraDependencies(pkg: LockPackage, extra: string): readonly DependencyRef[] {
  const wanted = normalizePypiName(extra);
  for (const [name, refs] of pkg.optionalDependencies ?? []) {
    if (normalizePypiName(name) === wanted) return refs;
  }
  return [];
}
