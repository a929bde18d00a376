import { z } from 'zod';
import { RegexTranslationError, translateGoRegex } from './goregex.ts';

/**
 * Why a user regex may not run over scanned text, or undefined. Allowlist regexes run on every
 * candidate secret, so they are held to the rule regexes' standard: what RE2 accepts (no
 * lookaround or backreferences) and no nested unbounded repetition such as `(a+)+`, the shapes
 * that backtrack exponentially; what slips through still runs under the scan's time budget.
 */
function unsafeRegex(source: string): string | undefined {
  try {
    new RegExp(source);
  } catch {
    return 'not a valid JavaScript regular expression';
  }
  try {
    translateGoRegex(source);
  } catch (error) {
    if (!(error instanceof RegexTranslationError)) throw error;
    return `${source}: ${error.message}`;
  }
  return undefined;
}

const regexSource = z.string().superRefine((source, ctx) => {
  const problem = unsafeRegex(source);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * The `secrets` section of palisade.yaml. `enabled: false` leaves secrets out of `palisade scan`
 * (as `--no-secrets` does). Allowlist paths are globs relative to the repository
 * root; regexes (JavaScript syntax, within what RE2 runs in linear time) are tested against the secret; stopwords are case-insensitive
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
