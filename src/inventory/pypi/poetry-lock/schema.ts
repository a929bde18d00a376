import { z } from 'zod';

// z.object drops the keys not listed (hashes, file lists, metadata) instead of copying them: lenient and cheaper.

/** One constraint of `[package.dependencies]`: `"^1.2"` or `{ version, markers, optional, extras }`. */
const Constraint = z.union([
  z.string(),
  z.object({
    version: z.string().optional(),
    optional: z.boolean().optional(),
    extras: z.array(z.string()).optional(),
  }),
]);

const PoetryPackage = z.object({
  name: z.string().min(1),
  version: z.string(),
  /** Poetry < 1.5: "main" or "dev". */
  category: z.string().optional(),
  /** Poetry 2: the dependency groups that need the package. */
  groups: z.array(z.string()).optional(),
  optional: z.boolean().optional(),
  develop: z.boolean().optional(),
  dependencies: z.record(z.string(), z.union([Constraint, z.array(Constraint)])).optional(),
  extras: z.record(z.string(), z.array(z.string())).optional(),
  source: z
    .object({
      type: z.string(),
      url: z.string().optional(),
      reference: z.string().optional(),
      resolved_reference: z.string().optional(),
    })
    .optional(),
});

export const PoetryLockSchema = z.object({
  package: z.array(PoetryPackage).default([]),
  metadata: z.object({ 'lock-version': z.string().optional() }).optional(),
});

export type PoetryLock = z.infer<typeof PoetryLockSchema>;
export type PoetryLockPackage = PoetryLock['package'][number];
