import { z } from 'zod';

// z.object drops the keys not listed (hashes, file lists, metadata) instead of copying them: lenient and cheaper.

/** An edge: the name, plus version and source when several packages share the name (resolver forks). */
const UvDependency = z.object({
  name: z.string(),
  version: z.string().optional(),
  extra: z.array(z.string()).optional(),
});

/** Exactly one key says where the package comes from. */
const UvSource = z.object({
  registry: z.string().optional(),
  git: z.string().optional(),
  url: z.string().optional(),
  path: z.string().optional(),
  directory: z.string().optional(),
  editable: z.string().optional(),
  virtual: z.string().optional(),
});

const UvPackage = z.object({
  name: z.string().min(1),
  /** Absent for local projects with a dynamic version. */
  version: z.string().optional(),
  source: UvSource,
  dependencies: z.array(UvDependency).optional(),
  'optional-dependencies': z.record(z.string(), z.array(UvDependency)).optional(),
  /** uv records every dependency group (PEP 735 and tool.uv.dev-dependencies) under this key. */
  'dev-dependencies': z.record(z.string(), z.array(UvDependency)).optional(),
});

/** `[manifest].requirements` and `dependency-groups`: what a workspace root or script without a project declares. */
const UvRequirement = z.object({
  name: z.string(),
  specifier: z.string().optional(),
  extras: z.array(z.string()).optional(),
});

export const UvLockSchema = z.object({
  version: z.number(),
  package: z.array(UvPackage).default([]),
  manifest: z
    .looseObject({
      members: z.array(z.string()).optional(),
      requirements: z.array(UvRequirement).optional(),
      'dependency-groups': z.record(z.string(), z.array(UvRequirement)).optional(),
    })
    .optional(),
});

export type UvLock = z.infer<typeof UvLockSchema>;
export type UvLockPackage = UvLock['package'][number];
export type UvLockDependency = NonNullable<UvLockPackage['dependencies']>[number];
