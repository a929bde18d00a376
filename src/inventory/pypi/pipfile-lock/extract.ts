import { describeError, isPalisadeError, PalisadeError } from '../../../model/index.ts';
import { ComponentCollector } from '../../collector.ts';
import type { ExtractInput, ExtractResult } from '../../extractor.ts';
import { type JsonWithLines, parseJsonWithLines } from '../../json.ts';
import { collectLock, type DeclaredDependencies, type LockPackage } from '../graph.ts';
import { parseSpecifiers, pinnedVersion } from '../pep508.ts';
import {
  artifactVersion,
  gitSource,
  pathSource,
  registrySource,
  type SourceInfo,
  urlSource,
} from '../sources.ts';
import { readSiblingToml } from '../toml.ts';
import { validate } from '../validate.ts';
import { type PipfileLockEntry, PipfileLockSchema, PipfileLockSection } from './schema.ts';

const REMEDY = 'regenerate it with `pipenv lock`';

/** Pipfile tables that are settings, not package categories. */
const PIPFILE_SETTINGS = new Set(['source', 'requires', 'pipenv', 'scripts']);

/**
 * Pipfile.lock: `default` is production, `develop` development, and any other category (pipenv
 * 2023+ `[docs]`-style groups, installed only on request) development too. The lockfile lists the
 * resolved set without edges, so direct means named in the sibling Pipfile; without a Pipfile nothing
 * is claimed direct rather than everything.
 */
export function extractPipfileLock(input: ExtractInput): ExtractResult {
  const json = parseJson(input.path, input.contents);
  const lineOf = (path: readonly PropertyKey[]) => json.lineOf(path.slice(0, 2).map(String));
  const document = validate(PipfileLockSchema, json.value, input.path, lineOf, REMEDY);
  const collector = new ComponentCollector('PyPI', input.path);

  const packages: LockPackage[] = [];
  for (const [section, value] of Object.entries(document)) {
    if (section === '_meta') continue;
    // Custom categories are checked here; other top-level keys that are not package tables are not categories.
    const entries =
      section === 'default' || section === 'develop'
        ? document[section]
        : PipfileLockSection.safeParse(value).data;
    for (const [name, entry] of Object.entries(entries ?? {})) {
      packages.push({
        name,
        version: versionOf(name, entry),
        line: json.lineOf([section, name]),
        source: sourceOf(entry),
        dependencies: [],
        scope: section === 'default' ? 'prod' : 'dev',
      });
    }
  }
  collectLock(collector, packages, readPipfile(input, collector));
  return collector.result();
}

function parseJson(path: string, text: string): JsonWithLines {
  try {
    return parseJsonWithLines(path, text, 2);
  } catch (error) {
    if (isPalisadeError(error)) throw error;
    // jsonc-parser recurses per nesting level: pathological nesting overflows the stack.
    throw new PalisadeError('input', `${path}:1: cannot parse JSON (${describeError(error)}); ${REMEDY}`, {
      cause: error,
    });
  }
}

function versionOf(name: string, entry: PipfileLockEntry): string | undefined {
  const specifiers = entry.version === undefined ? undefined : parseSpecifiers(entry.version);
  const pinned = specifiers ? pinnedVersion(specifiers) : undefined;
  return pinned ?? (entry.file !== undefined ? artifactVersion(name, entry.file) : undefined);
}

function sourceOf(entry: PipfileLockEntry): SourceInfo {
  if (entry.git !== undefined) return gitSource(entry.git, entry.ref);
  if (entry.path !== undefined) return pathSource(entry.path, entry.editable ?? false);
  if (entry.file !== undefined) {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry.file)
      ? urlSource(entry.file)
      : pathSource(entry.file, false);
  }
  return registrySource();
}

/** The packages the Pipfile names, by category: `[packages]` is production, every other category development. */
function readPipfile(input: ExtractInput, collector: ComponentCollector): DeclaredDependencies | undefined {
  const pipfile = readSiblingToml(input, 'Pipfile', collector);
  if (pipfile === undefined) return undefined;
  const declared: DeclaredDependencies = { prod: [], optional: [], dev: [] };
  for (const [table, value] of Object.entries(pipfile)) {
    if (PIPFILE_SETTINGS.has(table) || value === null || typeof value !== 'object' || Array.isArray(value))
      continue;
    const refs = table === 'packages' ? declared.prod : declared.dev;
    for (const name of Object.keys(value)) refs.push({ name });
  }
  return declared;
}
