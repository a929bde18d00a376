import { z } from 'zod';

/*
 * Validation comes in two layers. zod checks the document: its top-level fields, the root's
 * `workspaces`, the package.json beside a v1 lockfile. The thousands of entries are checked by
 * `entryProblem`, field by field and without copying them: zod builds a new object per entry,
 * which on a 10,000-package lockfile cost about 100 ms (plus the garbage collection it caused),
 * more than all the rest of the extraction.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const entries = z.custom<Record<string, unknown>>(isRecord, { message: 'Invalid input: expected object' });

export const LockfileSchema = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  lockfileVersion: z.number().optional(),
  /** v2/v3: install location -> PackageEntry */
  packages: entries.optional(),
  /** v1 (and v2's copy for npm 6): name -> LegacyEntry */
  dependencies: entries.optional(),
});
export type Lockfile = z.infer<typeof LockfileSchema>;

/** The root entry's `workspaces`: globs, or (as yarn writes them) `{ packages: globs }`. */
export const WorkspacesSchema = z.union([
  z.array(z.string()),
  z.looseObject({ packages: z.array(z.string()).optional() }),
]);

/** The package.json beside a v1 lockfile, read for the names it declares (see declaredNames). */
export const ManifestSchema = z.looseObject({
  dependencies: z.unknown().optional(),
  devDependencies: z.unknown().optional(),
  optionalDependencies: z.unknown().optional(),
  peerDependencies: z.unknown().optional(),
});

/** Dependency maps are read for their names only, leniently (see depNames). */
interface DependencyMaps {
  dependencies?: unknown;
  devDependencies?: unknown;
  optionalDependencies?: unknown;
  peerDependencies?: unknown;
}

/** One entry of the v2/v3 `packages` map, as far as it is read. */
export interface PackageEntry extends DependencyMaps {
  name?: string;
  version?: string;
  resolved?: string;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  license?: unknown;
  workspaces?: unknown;
}

/** One entry of the v1 `dependencies` tree, as far as it is read. */
export interface LegacyEntry {
  version?: string;
  resolved?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  requires?: unknown;
  dependencies?: Record<string, unknown>;
}

type FieldType = 'string' | 'boolean' | 'object';

export const PACKAGE_ENTRY_FIELDS: readonly [string, FieldType][] = [
  ['name', 'string'],
  ['version', 'string'],
  ['resolved', 'string'],
  ['link', 'boolean'],
  ['dev', 'boolean'],
  ['optional', 'boolean'],
  ['devOptional', 'boolean'],
];

export const LEGACY_ENTRY_FIELDS: readonly [string, FieldType][] = [
  ['version', 'string'],
  ['resolved', 'string'],
  ['dev', 'boolean'],
  ['optional', 'boolean'],
  ['devOptional', 'boolean'],
  ['dependencies', 'object'],
];

/**
 * What is wrong with an entry — `[field, message]`, field undefined when the entry itself is not an
 * object — or undefined when every listed field is absent or of its type, so the entry can be read
 * as the matching interface. Other fields are not looked at.
 */
export function entryProblem(
  value: unknown,
  fields: readonly [string, FieldType][],
): [field: string | undefined, message: string] | undefined {
  if (!isRecord(value)) return [undefined, `Invalid input: expected object, received ${kindOf(value)}`];
  for (const [field, type] of fields) {
    const fieldValue = value[field];
    if (fieldValue !== undefined && kindOf(fieldValue) !== type) {
      return [field, `Invalid input: expected ${type}, received ${kindOf(fieldValue)}`];
    }
  }
  return undefined;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** Names a package needs installed: its dependencies, optional and peer dependencies. */
export function runtimeNames(entry: DependencyMaps): string[] {
  const names: string[] = [];
  addNames(names, entry.dependencies);
  addNames(names, entry.optionalDependencies);
  addNames(names, entry.peerDependencies);
  return names;
}

/** Every name a project declares: the runtime ones and its devDependencies. */
export function declaredNames(entry: DependencyMaps): string[] {
  const names = runtimeNames(entry);
  addNames(names, entry.devDependencies);
  return names;
}

/** Names of a dependency map; anything but a plain object declares none. */
export function depNames(map: unknown): string[] {
  const names: string[] = [];
  addNames(names, map);
  return names;
}

function addNames(names: string[], map: unknown): void {
  if (!isRecord(map)) return;
  for (const name in map) names.push(name);
}
