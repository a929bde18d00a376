// The dependency graph of a lockfile, from which the yarn.lock, bun.lock and deno.lock extractors
// derive each package's scope and direct flag.
import type { ComponentSource, Scope } from '../../model/index.ts';
import type { ComponentCollector, ComponentEntry } from '../collector.ts';
import { sourceQualifiers } from './js-common.ts';

export type PackageNode = Omit<ComponentEntry, 'scope' | 'direct'>;

/** A graph node for a package; non-registry sources get the purl qualifiers that tell them apart. */
export function packageNode(
  name: string,
  line: number,
  version?: string,
  source?: ComponentSource,
): PackageNode {
  const node: PackageNode = { name, line };
  if (version !== undefined) node.version = version;
  if (source) {
    node.source = source;
    const qualifiers = sourceQualifiers(source);
    if (qualifiers) node.qualifiers = qualifiers;
  }
  return node;
}

const STRENGTH: Record<Scope, number> = { dev: 1, optional: 2, prod: 3 };
const BY_STRENGTH: Scope[] = ['prod', 'dev', 'optional', 'prod'];

/**
 * A lockfile's packages as a graph keyed by the format's own ids. Scopes come from the roots (the
 * dependencies the projects declare) by a walk that keeps the strongest scope reaching a node: prod
 * beats optional beats dev, and a prod package's optional dependency is optional.
 * Ids are interned to indices: monorepo lockfiles have 10k+ packages and 50k+ edges.
 */
export class DependencyGraph {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  /** undefined: only referenced so far; null: a pass-through node. */
  private readonly nodes: (PackageNode | null | undefined)[] = [];
  /** Nodes in the order they were added (file order), so merged duplicates keep their first line. */
  private readonly added: number[] = [];
  private readonly edgeFrom: number[] = [];
  private readonly edgeTo: number[] = [];
  private readonly edgeOptional: boolean[] = [];
  private readonly roots = new Map<number, number>();

  private intern(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
      this.nodes.push(undefined);
    }
    return i;
  }

  addNode(id: string, entry: PackageNode): void {
    const i = this.intern(id);
    if (this.nodes[i] !== undefined) return;
    this.nodes[i] = entry;
    this.added.push(i);
  }

  /**
   * A node that carries scope to its dependencies but is no component of this ecosystem (a JSR
   * package between two npm packages in deno.lock).
   */
  addPassThrough(id: string): void {
    const i = this.intern(id);
    if (this.nodes[i] === undefined) this.nodes[i] = null;
  }

  hasNode(id: string): boolean {
    const i = this.index.get(id);
    return i !== undefined && this.nodes[i] !== undefined;
  }

  addEdge(from: string, to: string, optional: boolean): void {
    this.edgeFrom.push(this.intern(from));
    this.edgeTo.push(this.intern(to));
    this.edgeOptional.push(optional);
  }

  /** A dependency a project declares: direct, with the scope its manifest gives it. */
  addRoot(id: string, scope: Scope): void {
    const i = this.intern(id);
    this.roots.set(i, Math.max(this.roots.get(i) ?? 0, STRENGTH[scope]));
  }

  /** Nodes no other node depends on and no project declares. */
  unreferenced(): string[] {
    const referenced = new Uint8Array(this.ids.length);
    for (const i of this.roots.keys()) referenced[i] = 1;
    for (const i of this.edgeTo) referenced[i] = 1;
    return this.ids.filter((_, i) => referenced[i] === 0 && this.nodes[i] !== undefined);
  }

  /**
   * Adds every node to the collector with its scope and direct flag, then the edges between them.
   * Nodes no root reaches (the format could not say who needs them) are prod: a vulnerability there
   * is reported rather than downgraded on a guess.
   */
  emit(collector: ComponentCollector): void {
    const strength = this.strengths();
    const purls: (string | undefined)[] = new Array(this.ids.length);
    for (const i of this.added) {
      const entry = this.nodes[i];
      if (!entry) continue;
      const scope = BY_STRENGTH[strength[i] ?? 0] ?? 'prod';
      purls[i] = collector.add({ ...entry, scope, direct: this.roots.has(i) });
    }
    for (let e = 0; e < this.edgeFrom.length; e++) {
      const from = purls[this.edgeFrom[e] ?? -1];
      const to = purls[this.edgeTo[e] ?? -1];
      if (from !== undefined && to !== undefined) collector.addEdge(from, to);
    }
  }

  /** Scope strength per node (0 where no root reaches), by a worklist over the adjacency lists. */
  private strengths(): Uint8Array {
    const n = this.ids.length;
    // Compressed adjacency: the edges of node i are order[start[i]] .. order[start[i + 1] - 1].
    const start = new Uint32Array(n + 1);
    for (const from of this.edgeFrom) start[from + 1] = (start[from + 1] ?? 0) + 1;
    for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
    const fill = start.slice(0, n);
    const order = new Uint32Array(this.edgeFrom.length);
    this.edgeFrom.forEach((from, e) => {
      order[fill[from] ?? 0] = e;
      fill[from] = (fill[from] ?? 0) + 1;
    });

    const strength = new Uint8Array(n);
    const work: number[] = [];
    const raise = (i: number, s: number): void => {
      if ((strength[i] ?? 0) >= s || this.nodes[i] === undefined) return;
      strength[i] = s;
      work.push(i);
    };
    for (const [i, s] of this.roots) raise(i, s);
    // A node's strength only rises (dev -> optional -> prod), so each is revisited at most twice.
    for (let i = work.pop(); i !== undefined; i = work.pop()) {
      const s = strength[i] ?? 0;
      for (let k = start[i] ?? 0; k < (start[i + 1] ?? 0); k++) {
        const e = order[k] ?? 0;
        raise(this.edgeTo[e] ?? 0, s === STRENGTH.prod && this.edgeOptional[e] ? STRENGTH.optional : s);
      }
    }
    return strength;
  }
}
