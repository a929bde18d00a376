import type { ComponentSource, Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import { dirname, type ExtractInput, type ExtractResult } from '../../extractor.ts';
import { type MixProject, readMixExs } from './mixexs.ts';
import { type Term, TermReader } from './term.ts';

const REGENERATE = 'regenerate it with `mix deps.get`';

interface Locked {
  app: string;
  line: number;
  name: string;
  version?: string | undefined;
  source: ComponentSource;
  qualifiers?: Record<string, string>;
  /** Dependencies by app name (keys of mix.lock), with their `optional:` flag. */
  deps: { app: string; optional: boolean }[];
}

/**
 * mix.lock: a map from app name to `{:hex, :package, version, checksum, managers, deps, repo,
 * checksum}` (older files stop after deps or after the version) or `{:git, url, sha, options}`.
 * Edges come from each hex entry's deps, optional ones included when the package is in the lock. Direct deps and their scopes come from the sibling mix.exs
 * (see mixexs.ts) and spread along the edges: what a prod dependency needs is prod.
 */
export function extractMixLock(input: ExtractInput): ExtractResult {
  const reader = new TermReader(input.path, input.contents, REGENERATE);
  const document =
    input.contents.trim() === '' ? { kind: 'map' as const, entries: [] } : reader.readDocument();
  if (document.kind !== 'map') return reader.fail('expected a map `%{…}` at the top', 0);
  const collector = new ComponentCollector('Hex', input.path);
  const locked = new Map<string, Locked>();
  for (const entry of document.entries) {
    const app = text(entry.key);
    const line = reader.lines.lineAt(entry.offset);
    if (app === undefined) {
      collector.unresolvedEntry('?', line, 'entry whose key is not a string');
      continue;
    }
    const decoded = decode(app, line, entry.value);
    if (typeof decoded === 'string') collector.unresolvedEntry(app, line, decoded);
    else locked.set(app, decoded);
  }
  const dir = dirname(input.path);
  const mixExs = input.readFile(dir === '' ? 'mix.exs' : `${dir}/mix.exs`);
  const project = mixExs === undefined ? undefined : readMixExs(mixExs);
  const scopes = spreadScopes(locked, project);
  const purls = new Map<string, string>();
  for (const entry of locked.values()) {
    const added = collector.add({
      name: entry.name,
      version: entry.version,
      scope: scopes.get(entry.app) ?? 'prod',
      direct: project?.deps.has(entry.app) ?? false,
      line: entry.line,
      source: entry.source,
      ...(entry.qualifiers ? { qualifiers: entry.qualifiers } : {}),
    });
    purls.set(entry.app, added);
  }
  for (const entry of locked.values()) {
    for (const dep of entry.deps) {
      const from = purls.get(entry.app);
      const to = purls.get(dep.app);
      if (from !== undefined && to !== undefined) collector.addEdge(from, to);
    }
  }
  return collector.result(rootOf(project));
}

/** One lock entry, or the reason it cannot be one. */
function decode(app: string, line: number, value: Term): Locked | string {
  if (value.kind !== 'tuple' || value.items[0]?.kind !== 'atom') return 'entry is not a `{:scm, …}` tuple';
  const [scm, ...rest] = value.items;
  switch (scm.value) {
    case 'hex': {
      const [name, version, , , deps, repo] = rest;
      if (name?.kind !== 'atom' || version?.kind !== 'string')
        return 'hex entry without package name and version';
      const repository = repo === undefined ? 'hexpm' : text(repo);
      const entry: Locked = {
        app,
        line,
        name: name.value,
        version: version.value,
        source: { type: 'registry' },
        deps: depApps(deps),
      };
      if (repository !== undefined && repository !== 'hexpm')
        entry.qualifiers = { repository_url: repositoryUrl(repository) };
      return entry;
    }
    case 'git': {
      const [url, sha] = rest;
      if (url?.kind !== 'string' || sha?.kind !== 'string') return 'git entry without URL and revision';
      return {
        app,
        line,
        name: app,
        source: { type: 'git', url: url.value, ref: sha.value },
        qualifiers: { vcs_url: `git+${url.value}@${sha.value}` },
        deps: [],
      };
    }
    default:
      return `unsupported source :${scm.value.slice(0, 40)}`;
  }
}

/** `[{:plug, "~> 1.14", [hex: :plug, repo: "hexpm", optional: false]}, …]` to app names and optional flags. */
function depApps(deps: Term | undefined): Locked['deps'] {
  if (deps?.kind !== 'list') return [];
  return deps.items.flatMap((dep) => {
    if (dep.kind !== 'tuple' || dep.items[0]?.kind !== 'atom') return [];
    const options = dep.items[2]?.kind === 'list' ? dep.items[2].items : [];
    const optional = options.some(
      (option) =>
        option.kind === 'tuple' && text(option.items[0]) === 'optional' && text(option.items[1]) === 'true',
    );
    return [{ app: dep.items[0].value, optional }];
  });
}

/** Organizations of hex.pm are `hexpm:<org>`; other repositories are named as configured. */
function repositoryUrl(repository: string): string {
  return repository.startsWith('hexpm:') ? `https://repo.hex.pm/repos/${repository.slice(6)}` : repository;
}

/**
 * Each package takes the strongest scope of a direct dependency that reaches it; unreached ones are
 * prod. Optional edges do not carry scope: Mix fetches an optional dependency only when the project
 * itself asks for it (floki, optional for phoenix_live_view, stays test-only when mix.exs says so).
 */
function spreadScopes(locked: Map<string, Locked>, project: MixProject | undefined): Map<string, Scope> {
  const scopes = new Map<string, Scope>();
  for (const scope of ['prod', 'optional', 'dev'] as const) {
    const queue = [...(project?.deps ?? [])].filter(([, s]) => s === scope).map(([app]) => app);
    while (queue.length > 0) {
      const app = queue.pop() ?? '';
      const entry = locked.get(app);
      if (!entry || scopes.has(app)) continue;
      scopes.set(app, scope);
      for (const dep of entry.deps) if (!dep.optional) queue.push(dep.app);
    }
  }
  return scopes;
}

function text(term: Term | undefined): string | undefined {
  return term?.kind === 'string' || term?.kind === 'atom' ? term.value : undefined;
}

function rootOf(project: MixProject | undefined): ExtractResult['root'] {
  if (project?.app === undefined) return undefined;
  return project.version === undefined
    ? { name: project.app }
    : { name: project.app, version: project.version };
}
