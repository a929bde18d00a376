import { z } from 'zod';

/**
 * One `[[package]]` table (or the pre-2017 `[root]` table). Fields Palisade does not read
 * (`checksum`, `replace`) are accepted and stripped rather than copied for every crate.
 */
export const cargoPackage = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  source: z.string().optional(),
  dependencies: z.array(z.string()).optional(),
});

/** Cargo.lock, every format version: v1 (`[metadata]` checksums), v2 (no marker), `version = 3` and `4`. */
export const cargoLock = z.looseObject({
  version: z.number().optional(),
  package: z.array(cargoPackage).optional(),
  root: cargoPackage.optional(),
});

export type CargoPackage = z.infer<typeof cargoPackage>;
export type CargoLock = z.infer<typeof cargoLock>;
