import { z } from 'zod';
import { ECOSYSTEMS, SEVERITIES } from '../model/index.ts';
import { FORMATS } from '../report/formats.ts';
import { secretsConfigSchema } from '../secrets/config.ts';

/**
 * palisade.yaml. Unknown keys are errors (a typo must not silently disable a setting); every
 * key is optional so an empty file is valid.
 */
export const configSchema = z
  .strictObject({
    exclude: z.array(z.string().min(1)).optional(),
    gitignore: z.boolean().optional(),
    format: z.enum(FORMATS).optional(),
    failOn: z.enum(SEVERITIES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    ignoreFile: z.string().min(1).optional(),
    vex: z.array(z.string().min(1)).optional(),
    offline: z.boolean().optional(),
    policies: z.array(z.string().min(1)).optional(),
    helmValues: z.array(z.string().min(1)).optional(),
    auditPolicies: z.array(z.string().min(1)).optional(),
    failOnRisk: z.number().int().min(0).max(100).optional(),
    exposure: z.enum(['internet', 'internal']).optional(),
    reachability: z.strictObject({ entryPoints: z.array(z.string().min(1)).optional() }).optional(),
    cacheDir: z.string().min(1).optional(),
    ecosystems: z.array(z.enum(ECOSYSTEMS)).optional(),
    sources: z
      .strictObject({
        osvExport: z.url().optional(),
        osvApi: z.url().optional(),
        epss: z.union([z.url(), z.literal(false)]).optional(),
        kev: z.union([z.url(), z.literal(false)]).optional(),
        npmAudit: z.boolean().optional(),
      })
      .optional(),
    inventory: z
      .strictObject({
        maxFileSize: z.number().int().positive().describe('largest lockfile read, in MiB').optional(),
      })
      .optional(),
    secrets: secretsConfigSchema.optional(),
  })
  .nullable();

export type Config = NonNullable<z.infer<typeof configSchema>>;
