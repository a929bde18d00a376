import { z } from 'zod';
import { dependencyMapSchema } from '../js-manifest.ts';

const text = z.string().optional().catch(undefined);

/** A workspace of bun.lock: a copy of that package.json's name, version and dependency maps. */
const workspaceSchema = z.looseObject({
  name: text,
  version: text,
  dependencies: dependencyMapSchema,
  devDependencies: dependencyMapSchema,
  optionalDependencies: dependencyMapSchema,
  peerDependencies: dependencyMapSchema,
});

export type BunWorkspace = z.infer<typeof workspaceSchema>;

/**
 * bun.lock (text lockfile, JSONC). `packages` maps a key (`name`, or `parent/name` for a nested
 * copy) to an array whose first element is `name@resolution`; its other elements depend on the
 * resolution kind and are read by position in extract.ts.
 */
export const bunLockSchema = z.looseObject({
  lockfileVersion: z.number(),
  workspaces: z.record(z.string(), workspaceSchema).optional().catch(undefined),
  // Entries are positional arrays whose shape depends on the resolution: read in extract.ts.
  packages: z.record(z.string(), z.unknown()).optional(),
});

// Checked, not copied: a copy of every dependency map is a new object per package, each keyed by
// package names, and building those took longer than parsing the file.
const names = z
  .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
  .optional()
  .catch(undefined);

/** The dependency object of a package entry; only the dependency names are needed. */
export const packageInfoSchema = z.looseObject({
  dependencies: names,
  optionalDependencies: names,
  peerDependencies: names,
  optionalPeers: z.array(z.string()).optional().catch(undefined),
});

export type PackageInfo = z.infer<typeof packageInfoSchema>;
