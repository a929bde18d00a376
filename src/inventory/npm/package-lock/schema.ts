import { z } from 'zod';

const flag = z.boolean().optional();
/**
 * Dependency maps are read for their names only (see depNames). Checking each range as a string
 * would double the validation time of a large lockfile for values nothing reads.
 */
const dependencyMap = z.unknown().optional();

const workspaces = z.union([
  z.array(z.string()),
  z.looseObject({ packages: z.array(z.string()).optional() }),
]);

/** One entry of the v2/v3 `packages` map. */
export const PackageEntrySchema = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  resolved: z.string().optional(),
  link: flag,
  dev: flag,
  optional: flag,
  devOptional: flag,
  license: z.unknown().optional(),
  dependencies: dependencyMap,
  optionalDependencies: dependencyMap,
  peerDependencies: dependencyMap,
  devDependencies: dependencyMap,
  workspaces: workspaces.optional(),
});
export type PackageEntry = z.infer<typeof PackageEntrySchema>;

/** One entry of the v1 `dependencies` tree; nested entries are checked as the tree is walked. */
export const LegacyEntrySchema = z.looseObject({
  version: z.string().optional(),
  resolved: z.string().optional(),
  dev: flag,
  optional: flag,
  devOptional: flag,
  requires: dependencyMap,
  dependencies: z.record(z.string(), z.unknown()).optional(),
});
export type LegacyEntry = z.infer<typeof LegacyEntrySchema>;

export const LockfileSchema = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  lockfileVersion: z.number().optional(),
  packages: z.record(z.string(), PackageEntrySchema).optional(),
  dependencies: z.record(z.string(), z.unknown()).optional(),
});
export type Lockfile = z.infer<typeof LockfileSchema>;

/** The package.json beside a v1 lockfile, read for the names it declares. */
export const ManifestSchema = z.looseObject({
  dependencies: dependencyMap,
  devDependencies: dependencyMap,
  optionalDependencies: dependencyMap,
  peerDependencies: dependencyMap,
});

interface DependencyMaps {
  dependencies?: unknown;
  devDependencies?: unknown;
  optionalDependencies?: unknown;
  peerDependencies?: unknown;
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
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return;
  for (const name of Object.keys(map)) names.push(name);
}
