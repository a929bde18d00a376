import type { ComponentSource, Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import { basename, type ExtractInput, type ExtractResult, resolveSibling } from '../../extractor.ts';
import { devOnlyGems } from './gemfile.ts';
import { type GemSource, type LockedSpec, parseGemfileLock } from './lockfile.ts';

const RUBYGEMS = new Set(['https://rubygems.org/', 'https://rubygems.org', 'http://rubygems.org/']);

/**
 * Gemfile.lock (or gems.locked) holds the resolved gems and their graph; DEPENDENCIES is what the
 * Gemfile declares. The lockfile has no groups, so dev scope comes from the sibling Gemfile. A
 * `PATH remote: .` spec is the gem being developed (`gemspec` in its Gemfile): it is the root.
 */
export function extractGemfileLock({ path, contents, readFile }: ExtractInput): ExtractResult {
  const lock = parseGemfileLock(path, contents);
  const isRoot = (spec: LockedSpec) =>
    spec.source.kind === 'path' && (spec.source.remote === '.' || spec.source.remote === './');
  const roots = lock.specs.filter(isRoot);
  const byName = new Map<string, LockedSpec[]>();
  for (const spec of lock.specs) {
    const list = byName.get(spec.name);
    if (list) list.push(spec);
    else byName.set(spec.name, [spec]);
  }
  const declared = [...lock.dependencies.map((d) => d.name), ...roots.flatMap((r) => r.dependencies)];
  const direct = new Set(declared.filter((name) => !roots.some((r) => r.name === name)));
  const gemfile = readFile(resolveSibling(path, basename(path) === 'gems.locked' ? 'gems.rb' : 'Gemfile'));
  const scopes = propagateScopes(byName, direct, gemfile === undefined ? new Set() : devOnlyGems(gemfile));

  const collector = new ComponentCollector('RubyGems', path);
  const purls = new Map<LockedSpec, string>();
  for (const spec of lock.specs) {
    if (isRoot(spec)) continue;
    purls.set(
      spec,
      collector.add({
        name: spec.name,
        version: spec.version,
        scope: scopes.get(spec.name) ?? 'prod',
        direct: direct.has(spec.name),
        line: spec.line,
        ...sourceFields(spec),
      }),
    );
  }
  for (const [spec, purl] of purls) {
    for (const dep of spec.dependencies) {
      for (const target of byName.get(dep) ?? []) {
        const targetPurl = purls.get(target);
        if (targetPurl) collector.addEdge(purl, targetPurl);
      }
    }
  }
  const root = roots[0];
  return collector.result(root ? { name: root.name, version: root.version } : undefined);
}

/**
 * Everything reachable from a gem the Gemfile needs outside development is `prod`; what only
 * development gems reach is `dev`. Gems no declared gem reaches stay `prod`.
 */
function propagateScopes(
  byName: Map<string, LockedSpec[]>,
  direct: Set<string>,
  devOnly: Set<string>,
): Map<string, Scope> {
  const scopes = new Map<string, Scope>();
  const walk = (starts: string[], scope: Scope) => {
    const queue = starts.filter((name) => !scopes.has(name));
    for (const name of queue) scopes.set(name, scope);
    while (queue.length > 0) {
      const name = queue.pop() as string;
      for (const spec of byName.get(name) ?? []) {
        for (const dep of spec.dependencies) {
          if (scopes.has(dep)) continue;
          scopes.set(dep, scope);
          queue.push(dep);
        }
      }
    }
  };
  walk(
    [...direct].filter((name) => !devOnly.has(name)),
    'prod',
  );
  walk(
    [...direct].filter((name) => devOnly.has(name)),
    'dev',
  );
  return scopes;
}

function sourceFields(spec: LockedSpec): { source?: ComponentSource; qualifiers?: Record<string, string> } {
  const qualifiers: Record<string, string> = {};
  if (spec.platform !== undefined) qualifiers.platform = spec.platform;
  const source = componentSource(spec.source, qualifiers);
  const fields: { source?: ComponentSource; qualifiers?: Record<string, string> } = {};
  if (source) fields.source = source;
  if (Object.keys(qualifiers).length > 0) fields.qualifiers = qualifiers;
  return fields;
}

function componentSource(source: GemSource, qualifiers: Record<string, string>): ComponentSource | undefined {
  switch (source.kind) {
    case 'gem': {
      // A private gem server's gems are other packages than rubygems.org's of the same name.
      const [only, ...more] = source.remotes;
      if (only !== undefined && more.length === 0 && !RUBYGEMS.has(only)) qualifiers.repository_url = only;
      return undefined;
    }
    case 'git':
      qualifiers.vcs_url = `git+${source.remote}@${source.revision}`;
      return { type: 'git', url: source.remote, ref: source.revision };
    case 'path':
      return { type: 'path', path: source.remote, link: true };
    default:
      return { type: 'url', url: source.remote };
  }
}
