import { z } from 'zod';

// z.object drops the keys not listed (hashes, file lists, metadata) instead of copying them: lenient and cheaper.

const PylockPackage = z.object({
  name: z.string().min(1),
  /** Required for index packages; may be absent for VCS and directory sources. */
  version: z.string().optional(),
  marker: z.string().optional(),
  /** Tables that identify another entry of `packages`, usually by name (and version when ambiguous). */
  dependencies: z.array(z.object({ name: z.string().optional(), version: z.string().optional() })).optional(),
  vcs: z
    .looseObject({
      type: z.string(),
      url: z.string().optional(),
      path: z.string().optional(),
      'commit-id': z.string().optional(),
      'requested-revision': z.string().optional(),
    })
    .optional(),
  directory: z.object({ path: z.string(), editable: z.boolean().optional() }).optional(),
  archive: z.object({ url: z.string().optional(), path: z.string().optional() }).optional(),
});

export const PylockSchema = z.object({
  'lock-version': z.string(),
  packages: z.array(PylockPackage).default([]),
});

export type PylockPackage = z.infer<typeof PylockSchema>['packages'][number];
