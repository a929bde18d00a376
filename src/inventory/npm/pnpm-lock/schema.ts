import { z } from 'zod';

/**
 * The lockfile's shape. The envelope and the importers go through zod; the `packages` and
 * `snapshots` entries, which are nearly all of a large lockfile, are checked by `entryIssue` in
 * place instead: zod copies every entry it parses, which costs 60-100 ms for 10,000 packages, a
 * third of the time budget of the whole extraction.
 */

export interface Resolution {
  integrity?: string;
  tarball?: string;
  directory?: string;
  repo?: string;
  commit?: string;
  type?: string;
  gitHosted?: boolean;
}

/**
 * An entry of `packages` (every format) or of `snapshots` (9.x): metadata, the `dev`/`optional`
 * flags of 5.x and 6.x, and the dependencies (name to reference) of one peer variant.
 */
export interface LockEntry {
  resolution?: Resolution;
  name?: string;
  version?: string;
  dev?: boolean;
  optional?: boolean;
  /** Name to reference; the values are strings once `addEdges` has read them. */
  dependencies?: Record<string, unknown>;
  optionalDependencies?: Record<string, unknown>;
}

/** What is wrong with an entry: the field under the entry ('' for the entry itself) and what was expected. */
export interface EntryIssue {
  field: string;
  message: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function expected(field: string, type: string, value: unknown): EntryIssue {
  return { field, message: `expected ${type}, received ${kind(value)}` };
}

const RESOLUTION_STRINGS = ['integrity', 'tarball', 'directory', 'repo', 'commit', 'type'] as const;

/** What is wrong with an entry's fields of the types this extractor reads, or undefined; a bare `key:` (null) is fine. */
export function entryIssue(value: unknown): EntryIssue | undefined {
  if (value === null) return undefined;
  if (!isRecord(value)) return expected('', 'mapping', value);
  for (const field of ['name', 'version'] as const) {
    if (value[field] !== undefined && typeof value[field] !== 'string')
      return expected(field, 'string', value[field]);
  }
  for (const field of ['dev', 'optional'] as const) {
    if (value[field] !== undefined && typeof value[field] !== 'boolean')
      return expected(field, 'boolean', value[field]);
  }
  return (
    checkResolution(value.resolution) ??
    checkReferences('dependencies', value.dependencies) ??
    checkReferences('optionalDependencies', value.optionalDependencies)
  );
}

function checkResolution(resolution: unknown): EntryIssue | undefined {
  if (resolution === undefined) return undefined;
  if (!isRecord(resolution)) return expected('resolution', 'mapping', resolution);
  for (const field of RESOLUTION_STRINGS) {
    const v = resolution[field];
    if (v !== undefined && typeof v !== 'string') return expected(`resolution.${field}`, 'string', v);
  }
  const gitHosted = resolution.gitHosted;
  if (gitHosted !== undefined && typeof gitHosted !== 'boolean') {
    return expected('resolution.gitHosted', 'boolean', gitHosted);
  }
  return undefined;
}

/** The reference values are checked where the edges are read, to walk each map once. */
function checkReferences(field: string, dependencies: unknown): EntryIssue | undefined {
  return dependencies === undefined || isRecord(dependencies)
    ? undefined
    : expected(field, 'mapping', dependencies);
}

/** 5.x writes `name: reference`; 6.x and 9.x write `name: { specifier, version }`. */
const importerDependencies = z.record(
  z.string(),
  z.union([z.string(), z.looseObject({ specifier: z.string().optional(), version: z.string() })]),
);

export const DEPENDENCY_GROUPS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  // The env document (pnpm 11+): what pnpm installs for itself, not part of the project's build.
  'configDependencies',
  'packageManagerDependencies',
] as const;

export type DependencyGroup = (typeof DEPENDENCY_GROUPS)[number];

const groups = {
  dependencies: importerDependencies.optional(),
  devDependencies: importerDependencies.optional(),
  optionalDependencies: importerDependencies.optional(),
  configDependencies: importerDependencies.optional(),
  packageManagerDependencies: importerDependencies.optional(),
};

const importer = z.looseObject(groups).nullable();

export type Importer = NonNullable<z.infer<typeof importer>>;

/** A mapping whose entries `entryIssue` checks; taken as is, not copied. */
const entries = z
  .custom<Record<string, unknown>>(isRecord, { error: 'expected mapping' })
  .nullable()
  .optional();

/**
 * One lockfile document. Without `importers` (a single project in 5.x and 6.x) the dependency
 * groups stand at the top level.
 */
export const lockfileSchema = z.looseObject({
  lockfileVersion: z.union([z.string(), z.number()]),
  importers: z.record(z.string(), importer).nullable().optional(),
  packages: entries,
  snapshots: entries,
  ...groups,
});

export type Lockfile = z.infer<typeof lockfileSchema>;

/** The fields of a package.json this extractor reads (the project beside the lockfile, a `file:` directory). */
export const manifestSchema = z.looseObject({
  name: z.string().optional().catch(undefined),
  version: z.string().optional().catch(undefined),
});
