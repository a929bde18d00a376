import { type Scope, strongerScope } from '../../../model/index.ts';
import type { ComponentCollector, ComponentEntry } from '../../collector.ts';

/** A component entry whose scope and direct flag the graph settles when it emits. */
export type NodeEntry = ComponentEntry;

/** One `packages` (5.x, 6.x) or `snapshots` (9.x) entry. Edges hold nodes, not keys, so walks do no lookups. */
export interface LockNode {
  readonly entry: NodeEntry;
  /** pnpm's own verdict, from the `dev`/`optional` flags 5.x and 6.x write on every package. */
  readonly flag: Scope | undefined;
  /** The strongest scope of the importer groups that declare it; undefined when none does. */
  root: Scope | undefined;
  scope: Scope | undefined;
  dependencies: LockNode[] | undefined;
  optionalDependencies: LockNode[] | undefined;
  purl: string | undefined;
}

/**
 * One lockfile document's packages keyed by their `packages` or `snapshots` key. Several keys may
 * be one component (peer variants); the collector merges them by purl.
 */
export class LockGraph {
  private readonly nodes = new Map<string, LockNode>();

  addNode(key: string, entry: NodeEntry, flag?: Scope): LockNode {
    const node: LockNode = {
      entry,
      flag,
      root: undefined,
      scope: undefined,
      dependencies: undefined,
      optionalDependencies: undefined,
      purl: undefined,
    };
    this.nodes.set(key, node);
    return node;
  }

  node(key: string): LockNode | undefined {
    return this.nodes.get(key);
  }

  addEdge(from: LockNode, to: LockNode, optional: boolean): void {
    if (optional) {
      from.optionalDependencies ??= [];
      from.optionalDependencies.push(to);
    } else {
      from.dependencies ??= [];
      from.dependencies.push(to);
    }
  }

  /** A dependency an importer (a workspace project) declares: direct, in the scope of its group. */
  addRoot(node: LockNode, scope: Scope): void {
    node.root = node.root === undefined ? scope : strongerScope(node.root, scope);
  }

  /**
   * Adds the nodes, then the edges between them. Scopes are the flags when the format has them,
   * otherwise (9.x) the strongest scope a walk from the roots brings to each node; a node nothing
   * reaches is prod, so a vulnerability there is reported rather than downgraded on a guess.
   */
  emit(collector: ComponentCollector, scopesFrom: 'flags' | 'walk'): void {
    if (scopesFrom === 'walk') this.walk();
    for (const node of this.nodes.values()) {
      node.entry.scope = (scopesFrom === 'flags' ? node.flag : node.scope) ?? 'prod';
      node.entry.direct = node.root !== undefined;
      node.purl = collector.add(node.entry);
    }
    for (const node of this.nodes.values()) {
      const from = node.purl as string;
      for (const to of node.dependencies ?? []) collector.addEdge(from, to.purl as string);
      for (const to of node.optionalDependencies ?? []) collector.addEdge(from, to.purl as string);
    }
  }

  private walk(): void {
    const work: LockNode[] = [];
    const raise = (node: LockNode, scope: Scope): void => {
      if (node.scope !== undefined && strongerScope(node.scope, scope) === node.scope) return;
      node.scope = scope;
      work.push(node);
    };
    for (const node of this.nodes.values()) if (node.root !== undefined) raise(node, node.root);
    // A scope only rises (dev, optional, prod), so each node is expanded at most three times.
    for (let node = work.pop(); node !== undefined; node = work.pop()) {
      const scope = node.scope ?? 'prod';
      for (const to of node.dependencies ?? []) raise(to, scope);
      for (const to of node.optionalDependencies ?? []) raise(to, scope === 'prod' ? 'optional' : scope);
    }
  }
}
