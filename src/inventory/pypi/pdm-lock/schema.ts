import { z } from 'zod';

// z.object drops the keys not listed (hashes, file lists, metadata) instead of copying them: lenient and cheaper.

const PdmPackage = z.object({
  name: z.string().min(1),
  version: z.string().optional(),
  /** PDM ≥ 2 (lock 4.x): the groups that need the package; older locks leave scope to the graph. */
  groups: z.array(z.string()).optional(),
  /** A `name[extra]` entry: same package, listing what the extras add. */
  extras: z.array(z.string()).optional(),
  /** PEP 508 strings. */
  dependencies: z.array(z.string()).optional(),
  git: z.string().optional(),
  ref: z.string().optional(),
  revision: z.string().optional(),
  path: z.string().optional(),
  editable: z.boolean().optional(),
  url: z.string().optional(),
});

export const PdmLockSchema = z.object({
  metadata: z.object({ lock_version: z.string().optional() }),
  package: z.array(PdmPackage).default([]),
});

export type PdmLockPackage = z.infer<typeof PdmLockSchema>['package'][number];
