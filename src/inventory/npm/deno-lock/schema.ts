import { z } from 'zod';

const text = z.string().optional().catch(undefined);
const strings = z.array(z.string()).optional().catch(undefined);
const stringMap = z.record(z.string(), z.string()).optional().catch(undefined);

/** npm package of versions 2 and 3: dependencies map a name (or alias) to a `name@version` key. */
const npmPackageV3 = z.looseObject({ integrity: text, dependencies: stringMap });

/**
 * npm package of versions 4 and 5: dependencies list `name` (when the lockfile holds one version of
 * it), `name@version`, or `alias@npm:name@version`; version 5 adds optionalDependencies.
 */
const npmPackageV4 = z.looseObject({ integrity: text, dependencies: strings, optionalDependencies: strings });

/** JSR package: dependencies are specifiers (`jsr:@std/path@^1`, or `jsr:@std/path` when unambiguous). */
const jsrPackage = z.looseObject({ integrity: text, dependencies: strings });

const member = z.looseObject({
  dependencies: strings,
  packageJson: z.looseObject({ dependencies: strings }).optional().catch(undefined),
});

const workspace = member
  .extend({ members: z.record(z.string(), member).optional().catch(undefined) })
  .optional()
  .catch(undefined);

export const denoLockV2Schema = z.looseObject({
  npm: z
    .looseObject({ specifiers: stringMap, packages: z.record(z.string(), npmPackageV3).optional() })
    .optional(),
  remote: stringMap,
});

export const denoLockV3Schema = z.looseObject({
  packages: z
    .looseObject({
      specifiers: stringMap,
      npm: z.record(z.string(), npmPackageV3).optional(),
      jsr: z.record(z.string(), jsrPackage).optional(),
    })
    .optional(),
  remote: stringMap,
  workspace,
});

export const denoLockV4Schema = z.looseObject({
  specifiers: stringMap,
  npm: z.record(z.string(), npmPackageV4).optional(),
  jsr: z.record(z.string(), jsrPackage).optional(),
  remote: stringMap,
  workspace,
});

export type DenoWorkspace = NonNullable<z.infer<typeof workspace>>;
