import { parse as parseYaml } from 'yaml';
import { type ComponentSource, PalisadeError, type Scope } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import { dirname, type ExtractInput, type ExtractResult } from '../../extractor.ts';
import { type PubPackage, pubspec, pubspecLock } from './schema.ts';
import { parseLockYaml } from './yaml.ts';

const REGENERATE = 'regenerate it with `dart pub get` (or `flutter pub get`)';
const PUB_DEV = new Set(['https://pub.dev', 'https://pub.dartlang.org']);

/**
 * pubspec.lock: every package of the resolution, flat (pub records no edges). `direct main` and
 * `direct overridden` are direct prod dependencies, `direct dev` direct dev ones; transitive ones
 * count as prod, since the file does not say which direct dependency pulled them in. SDK packages
 * (flutter, flutter_test, sky_engine) ship with the SDK under a placeholder version and are reported
 * as unresolved rather than as pub.dev packages.
 */
export function extractPubspecLock(input: ExtractInput): ExtractResult {
  const yaml = parseLockYaml(input.path, input.contents, REGENERATE);
  const parsed = pubspecLock.safeParse(yaml.value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map(String);
    throw new PalisadeError(
      'input',
      `${input.path}:${yaml.lineOf(path.slice(0, 2))}: not a pubspec.lock (${path.length > 0 ? `"${path.join('.').slice(0, 120)}": ` : ''}${issue?.message ?? 'unexpected shape'}); ${REGENERATE}`,
    );
  }
  const collector = new ComponentCollector('Pub', input.path);
  for (const [name, entry] of Object.entries(parsed.data.packages ?? {})) {
    const line = yaml.lineOf(['packages', name]);
    if (entry.source === 'sdk') {
      const sdk = typeof entry.description === 'string' ? entry.description : 'dart';
      collector.unresolvedEntry(
        name,
        line,
        `SDK package: comes with the ${sdk} SDK, not from a package repository`,
      );
      continue;
    }
    collector.add({
      name,
      version: entry.version,
      scope: scopeOf(entry.dependency),
      direct: entry.dependency.startsWith('direct'),
      line,
      ...sourceOf(entry),
    });
  }
  return collector.result(rootOf(input));
}

function scopeOf(dependency: string): Scope {
  return dependency === 'direct dev' ? 'dev' : 'prod';
}

function sourceOf(entry: PubPackage): { source: ComponentSource; qualifiers?: Record<string, string> } {
  const description = typeof entry.description === 'object' ? entry.description : {};
  switch (entry.source) {
    case 'git': {
      const url = description.url ?? '';
      const ref = description['resolved-ref'] ?? description.ref;
      const source: ComponentSource = ref === undefined ? { type: 'git', url } : { type: 'git', url, ref };
      return { source, qualifiers: { vcs_url: ref === undefined ? `git+${url}` : `git+${url}@${ref}` } };
    }
    case 'path':
      // As pub writes it: relative to the directory of the lockfile when `relative: true`.
      return { source: { type: 'path', path: description.path ?? '', link: true } };
    default: {
      const url = description.url?.replace(/\/+$/, '');
      if (url === undefined || PUB_DEV.has(url)) return { source: { type: 'registry' } };
      // A private or mirror package server: same name, maybe not the same package as on pub.dev.
      return { source: { type: 'registry' }, qualifiers: { repository_url: url } };
    }
  }
}

/** name and version of the sibling pubspec.yaml, when it is there and readable. */
function rootOf(input: ExtractInput): ExtractResult['root'] {
  const dir = dirname(input.path);
  const text = input.readFile(dir === '' ? 'pubspec.yaml' : `${dir}/pubspec.yaml`);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  const parsed = pubspec.safeParse(value);
  if (!parsed.success) return undefined;
  const { name, version } = parsed.data;
  return version === undefined ? { name } : { name, version };
}
