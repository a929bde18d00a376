import type { ComponentCollector } from '../../collector.ts';
import { parseNpmAlias } from '../npm-alias.ts';
import { type Invalid, NO_VERSION } from './errors.ts';
import { depNames, entryProblem, LEGACY_ENTRY_FIELDS, type LegacyEntry } from './schema.ts';
import { sourceOfResolved, sourceOfV1Spec } from './source.ts';
import { isTooDeep, type LockNode, LockTree, scopeOf, TOO_DEEP } from './tree.ts';

/**
 * Reads the v1 `dependencies` tree into the same node_modules layout v2/v3 spell out, so one
 * resolution serves both: an entry's nested `dependencies` are installed inside its folder.
 */
export function treeFromDependencies(
  dependencies: Record<string, unknown>,
  lineOf: (location: string) => number,
  collector: ComponentCollector,
  invalid: Invalid,
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
      const problem = entryProblem(raw, LEGACY_ENTRY_FIELDS);
      if (problem) {
        const [field, message] = problem;
        invalid(
          field === undefined ? [...jsonPath, installName] : [...jsonPath, installName, field],
          message,
        );
      }
      const entry = raw as LegacyEntry;
      const node = legacyNode(location, installName, entry, line);
      if (entry.version === undefined) collector.unresolvedEntry(node.name, line, NO_VERSION);
      tree.add(node);
      if (entry.dependencies)
        pending.push([entry.dependencies, location, [...jsonPath, installName, 'dependencies']]);
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
    installName,
    name,
    version,
    line,
    scope: scopeOf(entry),
    licenses: [],
    origin: specOrigin ?? sourceOfResolved(entry.resolved, name, version),
    requires: depNames(entry.requires),
    index: -1,
  };
}
