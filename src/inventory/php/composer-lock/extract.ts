import { type ComponentSource, describeError, PalisadeError, type Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import { type ExtractInput, type ExtractResult, resolveSibling } from '../../extractor.ts';
import { parseJsonWithLines } from '../../json.ts';
import { licensesFrom } from '../../license.ts';
import { LineIndex } from '../../lines.ts';
import { elementLines } from './element-lines.ts';
import { type ComposerLock, type ComposerPackage, composerJson, composerLock } from './schema.ts';

const REGENERATE = 'fix it or regenerate it with `composer update`';
const LISTS = ['packages', 'packages-dev'] as const;

interface Entry {
  pkg: ComposerPackage;
  scope: Scope;
  line: number;
}

/**
 * composer.lock: `packages` are installed for production, `packages-dev` only for development.
 * Versions drop the `v` of tags (v8.0.0 → 8.0.0) as Composer's own version parser does, so they
 * compare with OSV's Packagist ranges, which are written without it; branches (dev-main) stay.
 */
export function extractComposerLock({ path, contents, readFile }: ExtractInput): ExtractResult {
  const lock = parseLock(path, contents);
  const lines = elementLines(contents, LISTS);
  const entries: Entry[] = LISTS.flatMap((list) =>
    (lock[list] ?? []).map((pkg, i) => ({
      pkg,
      scope: list === 'packages' ? ('prod' as const) : ('dev' as const),
      line: lines.get(list)?.[i] ?? 1,
    })),
  );
  const resolve = resolver(entries);
  const requires = entries.map((entry) => linkNames(entry.pkg.require).flatMap(resolve));
  const manifest = readManifest(readFile(resolveSibling(path, 'composer.json')));
  const direct = manifest
    ? new Set([...linkNames(manifest.require), ...linkNames(manifest['require-dev'])].flatMap(resolve))
    : notRequired(entries, requires);

  const collector = new ComponentCollector('Packagist', path);
  const licenses = memoizedLicenses();
  const purls = new Map<Entry, string>();
  for (const entry of entries) {
    const purl = collector.add({
      name: entry.pkg.name,
      version: entry.pkg.version.replace(/^v(?=\d)/i, ''),
      scope: entry.scope,
      direct: direct.has(entry),
      licenses: licenses(entry.pkg.license),
      line: entry.line,
      ...sourceFields(entry.pkg),
    });
    purls.set(entry, purl);
  }
  for (const [i, entry] of entries.entries()) {
    const from = purls.get(entry);
    for (const target of requires[i] ?? []) {
      const to = purls.get(target);
      if (from && to) collector.addEdge(from, to);
    }
  }
  if (manifest?.name === undefined) return collector.result();
  return collector.result(
    manifest.version === undefined
      ? { name: manifest.name }
      : { name: manifest.name, version: manifest.version },
  );
}

/** Lockfiles repeat a handful of license lists thousands of times; SPDX parsing each is the cost. */
function memoizedLicenses(): (license: unknown) => string[] {
  const cache = new Map<string, string[]>();
  return (license) => {
    const key = JSON.stringify(license ?? null);
    let spdx = cache.get(key);
    if (!spdx) {
      spdx = licensesFrom(license);
      cache.set(key, spdx);
    }
    return spdx;
  };
}

/** Without composer.json, what nothing else in the lock requires must be what the project requires. */
function notRequired(entries: Entry[], requires: Entry[][]): Set<Entry> {
  const required = new Set(requires.flat());
  return new Set(entries.filter((entry) => !required.has(entry)));
}

function parseLock(path: string, contents: string): ComposerLock {
  let document: unknown;
  try {
    document = JSON.parse(contents);
  } catch (syntaxError) {
    document = parseSlowly(path, contents, syntaxError);
  }
  const parsed = composerLock.safeParse(document);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const [list, index, field] = issue?.path ?? [];
  const isEntry = typeof index === 'number' && (list === 'packages' || list === 'packages-dev');
  const line = isEntry ? elementLines(contents, LISTS).get(list)?.[index] : undefined;
  const where = isEntry
    ? `${list}[${index}]${field === undefined ? '' : ` field "${String(field)}"`}`
    : String(list ?? 'document');
  throw new PalisadeError(
    'input',
    `${path}:${line ?? 1}: ${where}: ${issue?.message ?? 'invalid'}; ${REGENERATE}`,
  );
}

/**
 * The slow parser runs only once JSON.parse has failed: it says where the JSON breaks (or accepts
 * the file if it is JSONC). Its recursive descent overflows the stack on absurd nesting, where
 * V8's message still carries the line.
 */
function parseSlowly(path: string, contents: string, syntaxError: unknown): unknown {
  try {
    return parseJsonWithLines(path, contents, 0).value;
  } catch (error) {
    if (error instanceof PalisadeError) throw error;
    const message = describeError(syntaxError);
    const atEnd = message.startsWith('Unexpected end') ? new LineIndex(contents).lineAt(contents.length) : 1;
    const line = /\(line (\d+) column \d+\)/.exec(message)?.[1] ?? atEnd;
    const what = message.replace(/ in JSON at position.*$/, '').replace(/\s+/g, ' ');
    // Worded as parseJsonWithLines words its errors, so all JSON failures read alike.
    throw new PalisadeError('input', `${path}:${line}: invalid JSON (${what}); fix or regenerate the file`);
  }
}

/**
 * Finds the locked packages a requirement is satisfied by: the package of that name, else those
 * that `replace` or `provide` it (laravel/framework replaces illuminate/*, guzzle provides
 * psr/http-client-implementation). Platform requirements (php, ext-*) resolve to nothing.
 */
function resolver(entries: Entry[]): (name: string) => Entry[] {
  const byName = new Map<string, Entry[]>();
  const byProvided = new Map<string, Entry[]>();
  const push = (map: Map<string, Entry[]>, key: string, entry: Entry) => {
    const list = map.get(key.toLowerCase());
    if (list) list.push(entry);
    else map.set(key.toLowerCase(), [entry]);
  };
  for (const entry of entries) {
    push(byName, entry.pkg.name, entry);
    for (const name of [...linkNames(entry.pkg.replace), ...linkNames(entry.pkg.provide)])
      push(byProvided, name, entry);
  }
  return (name) => byName.get(name.toLowerCase()) ?? byProvided.get(name.toLowerCase()) ?? [];
}

function linkNames(links: ComposerPackage['require']): string[] {
  return links && !Array.isArray(links) ? Object.keys(links) : [];
}

function readManifest(text: string | undefined) {
  if (text === undefined) return undefined;
  try {
    const parsed = composerJson.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // composer.json only refines direct flags and names the root; a broken one must not fail the lock.
    return undefined;
  }
}

/**
 * Packages served by a Composer repository (Packagist, Private Packagist, Satis) carry the
 * repository's `notification-url`; without it a `source` means a VCS repository and a `path`
 * dist a path repository, both outside the registry advisories are about.
 */
function sourceFields(pkg: ComposerPackage): {
  source?: ComponentSource;
  qualifiers?: Record<string, string>;
} {
  const { source, dist } = pkg;
  if (dist?.type === 'path' && dist.url !== undefined) {
    return { source: { type: 'path', path: dist.url, link: pkg['transport-options']?.symlink !== false } };
  }
  if (pkg['notification-url'] !== undefined) return {};
  if (source?.type === 'git' && source.url !== undefined) {
    const ref = source.reference ?? undefined;
    return {
      source: ref === undefined ? { type: 'git', url: source.url } : { type: 'git', url: source.url, ref },
      qualifiers: { vcs_url: ref === undefined ? `git+${source.url}` : `git+${source.url}@${ref}` },
    };
  }
  const url = source?.url ?? dist?.url;
  return url === undefined ? {} : { source: { type: 'url', url } };
}
