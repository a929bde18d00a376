import { z } from 'zod';

const PylockPackage = z.looseObject({
  name: z.string().min(1),
  /** Required for index packages; may be absent for VCS and directory sources. */
  version: z.string().optional(),
  marker: z.string().optional(),
  /** Tables that identify another entry of `packages`, usually by name (and version when ambiguous). */
  dependencies: z
    .array(z.looseObject({ name: z.string().optional(), version: z.string().optional() }))
    .optional(),
  vcs: z
    .looseObject({
      type: z.string(),
      url: z.string().optional(),
      path: z.string().optional(),
      'commit-id': z.string().optional(),
      'requested-revision': z.string().optional(),
    })
    .optional(),
  directory: z.looseObject({ path: z.string(), editable: z.boolean().optional() }).optional(),
  archive: z.looseObject({ url: z.string().optional(), path: z.string().optional() }).optional(),
});

export const PylockSchema = z.looseObject({
  'lock-version': z.string(),
  packages: z.array(PylockPackage).default([]),
});

export type PylockPackage = z.infer<typeof PylockSchema>['packages'][number];
