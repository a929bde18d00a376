import { z } from 'zod';

/** One package of one target framework; `Project` entries are project references, without versions. */
export const lockedPackage = z.looseObject({
  type: z.string(),
  requested: z.string().optional(),
  resolved: z.string().optional(),
  /** Dependency id to the version range it asks for. */
  dependencies: z.record(z.string(), z.string()).optional(),
});

/**
 * packages.lock.json (RestorePackagesWithLockFile), version 1 and 2 (2 adds `CentralTransitive`,
 * packages pinned by Central Package Management): packages per target framework, and per
 * framework/runtime identifier (`net6.0/win-x64`).
 */
export const packagesLock = z.looseObject({
  version: z.number().int(),
  dependencies: z.record(z.string(), z.record(z.string(), lockedPackage)),
});

export type LockedPackage = z.infer<typeof lockedPackage>;
export type PackagesLock = z.infer<typeof packagesLock>;
