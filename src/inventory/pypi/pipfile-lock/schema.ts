import { z } from 'zod';

// z.object drops the keys not listed (hashes, file lists, metadata) instead of copying them: lenient and cheaper.

/** One locked package: `version` is `==x.y.z`; VCS, path and file entries carry those keys instead. */
export const PipfileLockEntry = z.object({
  version: z.string().optional(),
  git: z.string().optional(),
  ref: z.string().optional(),
  path: z.string().optional(),
  file: z.string().optional(),
  editable: z.boolean().optional(),
});

export const PipfileLockSection = z.record(z.string(), PipfileLockEntry);

/** Loose at the top: other keys are pipenv's custom package categories. */
export const PipfileLockSchema = z.looseObject({
  _meta: z.object({}),
  default: PipfileLockSection.optional(),
  develop: PipfileLockSection.optional(),
});

export type PipfileLockEntry = z.infer<typeof PipfileLockEntry>;
