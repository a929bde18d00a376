import { z } from 'zod';

/** One locked package: `version` is `==x.y.z`; VCS, path and file entries carry those keys instead. */
export const PipfileLockEntry = z.looseObject({
  version: z.string().optional(),
  git: z.string().optional(),
  ref: z.string().optional(),
  path: z.string().optional(),
  file: z.string().optional(),
  editable: z.boolean().optional(),
});

export const PipfileLockSection = z.record(z.string(), PipfileLockEntry);

export const PipfileLockSchema = z.looseObject({
  _meta: z.looseObject({}),
  default: PipfileLockSection.optional(),
  develop: PipfileLockSection.optional(),
});

export type PipfileLockEntry = z.infer<typeof PipfileLockEntry>;
