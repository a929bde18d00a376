import { z } from 'zod';

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid JavaScript regular expression' },
);

/**
 * The `secrets` section of palisade.yaml. `enabled: false` leaves secrets out of `palisade scan`
 * (as `--no-secrets` does). Allowlist paths are globs relative to the repository
 * root; regexes (JavaScript syntax) are tested against the secret; stopwords are case-insensitive
 * substrings of the secret. A `.gitleaks.toml` at the root is applied unless `gitleaksConfig` is
 * false; another path can be named.
 */
export const secretsConfigSchema = z.strictObject({
  enabled: z.boolean().optional(),
  allowlist: z
    .strictObject({
      paths: z.array(z.string().min(1)).optional(),
      regexes: z.array(regexSource).optional(),
      stopwords: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  disabledRules: z.array(z.string().min(1)).optional(),
  gitleaksConfig: z.union([z.string().min(1), z.literal(false)]).optional(),
  maxFileSize: z.number().int().positive().describe('largest file scanned for secrets, in MiB').optional(),
});

export type SecretsConfig = z.infer<typeof secretsConfigSchema>;
