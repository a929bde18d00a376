import { z } from 'zod';

/** `require`, `replace`, `provide`: an object of name → constraint, or `[]` when PHP serialized an empty one. */
const links = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional();

const origin = z.object({
  type: z.string(),
  url: z.string().optional(),
  reference: z.string().nullable().optional(),
});

/**
 * Strips what it does not declare (lenient all the same): copying the unread fields of thousands of
 * packages, as looseObject does, is most of the validation time on a large lock.
 */
export const composerPackage = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  source: origin.optional(),
  dist: origin.optional(),
  require: links,
  replace: links,
  provide: links,
  license: z.unknown().optional(),
  'notification-url': z.string().optional(),
  'transport-options': z.looseObject({ symlink: z.boolean().nullable().optional() }).optional(),
});

export const composerLock = z.looseObject({
  packages: z.array(composerPackage),
  // Composer 1 wrote `null` when nothing was installed for development.
  'packages-dev': z.array(composerPackage).nullable().optional(),
});

/** The parts of composer.json that say what the project declares itself. */
export const composerJson = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  require: links,
  'require-dev': links,
});

export type ComposerPackage = z.infer<typeof composerPackage>;
export type ComposerLock = z.infer<typeof composerLock>;
