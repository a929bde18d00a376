import type { ComponentCollector } from '../../collector.ts';
import { parseNpmAlias } from '../npm-alias.ts';
import { describeIssue, lockfileError, NO_VERSION } from './errors.ts';
import { depNames, type LegacyEntry, LegacyEntrySchema } from './schema.ts';
import { sourceOfResolved, sourceOfV1Spec } from './source.ts';
import { isTooDeep, type LockNode, LockTree, scopeOf, TOO_DEEP } from './tree.ts';

/**
 * Reads the v1 `dependencies` tree into the same node_modules layout v2/v3 spell out, so one
 * resolution serves both: an entry's nested `dependencies` are installed inside its folder.
 */
export function treeFromDependencies(
  path: string,
  dependencies: Record<string, unknown>,
  lineOf: (location: string) => number,
  collector: ComponentCollector,
): LockTree {
  const tree = new LockTree();
  const pending: [Record<string, unknown>, string, readonly string[]][] = [
    [dependencies, '', ['dependencies']],
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [entries, parent, jsonPath] = next;
    for (const [installName, raw] of Object.entries(entries)) {
      const location =
        parent === '' ? `node_modules/${installName}` : `${parent}/node_modules/${installName}`;
      const line = lineOf(location);
      if (isTooDeep(location)) {
        collector.unresolvedEntry(installName, line, TOO_DEEP);
        continue;
      }
      const parsed = LegacyEntrySchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const problem = issue ? describeIssue(issue, [...jsonPath, installName]) : 'invalid entry';
        throw lockfileError(path, line, problem);
      }
      const node = legacyNode(location, installName, parsed.data, line);
      if (parsed.data.version === undefined) collector.unresolvedEntry(node.name, line, NO_VERSION);
      tree.add(node);
      if (parsed.data.dependencies) {
        pending.push([parsed.data.dependencies, location, [...jsonPath, installName, 'dependencies']]);
      }
    }
  }
  return tree;
}

/**
 * v1 `version` is a version, an `npm:name@version` alias, or — for git, `file:` and tarball URL
 * dependencies — the spec npm installed from, in which case the package's own version is unknown.
 */
function legacyNode(location: string, installName: string, entry: LegacyEntry, line: number): LockNode {
  const spec = entry.version;
  const alias = spec === undefined ? undefined : parseNpmAlias(spec);
  const name = alias?.name ?? installName;
  const specOrigin = spec === undefined || alias ? undefined : sourceOfV1Spec(spec);
  const version = specOrigin ? undefined : (alias?.spec ?? spec);
  return {
    location,
    name,
    version,
    line,
    scope: scopeOf(entry),
    licenses: [],
    origin: specOrigin ?? sourceOfResolved(entry.resolved, name, version),
    requires: depNames(entry.requires),
  };
}
