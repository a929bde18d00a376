import { parse as parseToml, TomlError } from 'smol-toml';
import { type ComponentSource, describeError, PalisadeError } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import { type ExtractInput, type ExtractResult, resolveSibling } from '../../extractor.ts';
import { LineIndex } from '../../lines.ts';
import { type CargoLock, type CargoPackage, cargoLock } from './schema.ts';
import { type CrateSource, parseCrateSource } from './source.ts';

const REGENERATE = 'fix it or regenerate it with `cargo generate-lockfile`';

interface Entry {
  pkg: CargoPackage;
  source: CrateSource;
  line: number;
  purl?: string;
}

/**
 * Cargo.lock lists every crate of the workspace's build with its exact dependencies. Packages
 * without `source` are the workspace's own crates (members and path dependencies): they are the
 * project, not components, and what they depend on is direct. Cargo.lock does not separate
 * dev- and build-dependencies, so every crate is `prod`.
 */
export function extractCargoLock({ path, contents, readFile }: ExtractInput): ExtractResult {
  const lock = parseLock(path, contents);
  const entries = lockEntries(lock, new LineIndex(contents), contents);
  const byName = new Map<string, Entry[]>();
  for (const entry of entries) {
    const list = byName.get(entry.pkg.name);
    if (list) list.push(entry);
    else byName.set(entry.pkg.name, [entry]);
  }
  const depsOf = (entry: Entry) =>
    (entry.pkg.dependencies ?? []).map((dep) => resolveDependency(path, byName, dep, entry.line));

  const direct = new Set<Entry>();
  for (const entry of entries) {
    if (entry.source.kind === 'local') for (const dep of depsOf(entry)) direct.add(dep);
  }
  const collector = new ComponentCollector('crates.io', path);
  for (const entry of entries) {
    if (entry.source.kind === 'local') continue;
    entry.purl = collector.add({
      name: entry.pkg.name,
      version: entry.pkg.version,
      direct: direct.has(entry),
      line: entry.line,
      ...sourceFields(entry.source),
    });
  }
  for (const entry of entries) {
    if (!entry.purl) continue;
    for (const dep of depsOf(entry)) if (dep.purl) collector.addEdge(entry.purl, dep.purl);
  }
  return collector.result(projectRoot(path, entries, readFile));
}

function parseLock(path: string, contents: string): CargoLock {
  let document: unknown;
  try {
    document = parseToml(contents);
  } catch (error) {
    const line = error instanceof TomlError ? error.line : 1;
    const what = describeError(error).replace(/^Invalid TOML document: /, '');
    throw new PalisadeError('input', `${path}:${line}: invalid TOML (${what}); ${REGENERATE}`);
  }
  const parsed = cargoLock.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [table, index, field] = issue?.path ?? [];
    const where =
      typeof index === 'number' ? `[[${String(table)}]] #${index + 1}` : String(table ?? 'document');
    const line =
      typeof index === 'number' ? headerLines(contents, new LineIndex(contents))[index] : undefined;
    throw new PalisadeError(
      'input',
      `${path}:${line ?? 1}: ${where}${field === undefined ? '' : ` field "${String(field)}"`}: ${issue?.message ?? 'invalid'}; ${REGENERATE}`,
    );
  }
  if (!parsed.data.package && !parsed.data.root) {
    throw new PalisadeError(
      'input',
      `${path}:1: no [[package]] entries, so this is not a Cargo.lock; ${REGENERATE}`,
    );
  }
  return parsed.data;
}

/** Line of each `[[package]]` header, in file order, which is also the order of the parsed array. */
function headerLines(contents: string, lines: LineIndex): number[] {
  const found: number[] = [];
  for (const match of contents.matchAll(/^[ \t]*\[\[[ \t]*package[ \t]*\]\]/gm))
    found.push(lines.lineAt(match.index));
  return found;
}

function lockEntries(lock: CargoLock, lines: LineIndex, contents: string): Entry[] {
  const headers = headerLines(contents, lines);
  const entries: Entry[] = (lock.package ?? []).map((pkg, i) => ({
    pkg,
    source: parseCrateSource(pkg.source),
    line: headers[i] ?? 1,
  }));
  if (lock.root) {
    const rootMatch = /^[ \t]*\[[ \t]*root[ \t]*\]/m.exec(contents);
    entries.push({
      pkg: lock.root,
      source: parseCrateSource(lock.root.source),
      line: lines.lineAt(rootMatch?.index ?? 0),
    });
  }
  return entries;
}

/**
 * Resolves a dependency as Cargo encodes it: `name` when one version is locked, `name version`
 * when several are, `name version (source)` when that is still ambiguous (and always in v1).
 */
function resolveDependency(path: string, byName: Map<string, Entry[]>, dep: string, line: number): Entry {
  const match = /^(\S+)(?: (\S+))?(?: \((.+)\))?$/.exec(dep.trim());
  const [, name, version, source] = match ?? [];
  const candidates = (name === undefined ? [] : (byName.get(name) ?? [])).filter(
    (e) =>
      (version === undefined || e.pkg.version === version) &&
      (source === undefined || e.pkg.source === source),
  );
  const [only, ...others] = candidates;
  if (!only || others.length > 0) {
    const problem = only ? 'matches several locked packages' : 'is not a locked package';
    throw new PalisadeError('input', `${path}:${line}: dependency "${dep}" ${problem}; ${REGENERATE}`);
  }
  return only;
}

function sourceFields(source: CrateSource): {
  source?: ComponentSource;
  qualifiers?: Record<string, string>;
} {
  switch (source.kind) {
    case 'registry':
      return source.cratesIo ? {} : { qualifiers: { repository_url: source.url } };
    case 'git':
      return {
        source: { type: 'git', url: source.url, ref: source.ref },
        qualifiers: { vcs_url: `git+${source.url}@${source.ref}` },
      };
    case 'unknown':
      return { source: { type: 'url', url: source.raw } };
    default:
      return {};
  }
}

/** The crate the sibling Cargo.toml describes, else the only local crate; a virtual workspace has none. */
function projectRoot(
  path: string,
  entries: Entry[],
  readFile: ExtractInput['readFile'],
): ExtractResult['root'] | undefined {
  const local = entries.filter((e) => e.source.kind === 'local');
  const manifestName = packageNameOf(readFile(resolveSibling(path, 'Cargo.toml')));
  const root =
    manifestName === undefined
      ? local.length === 1
        ? local[0]
        : undefined
      : local.find((e) => e.pkg.name === manifestName);
  return root ? { name: root.pkg.name, version: root.pkg.version } : undefined;
}

function packageNameOf(manifest: string | undefined): string | undefined {
  if (manifest === undefined) return undefined;
  try {
    const document = parseToml(manifest);
    const pkg = document.package;
    return pkg && typeof pkg === 'object' && 'name' in pkg && typeof pkg.name === 'string'
      ? pkg.name
      : undefined;
  } catch {
    // The manifest only names the root; a broken one must not fail the lockfile.
    return undefined;
  }
}
