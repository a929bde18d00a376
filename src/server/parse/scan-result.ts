// `palisade scan --format json` output (the public ScanResult contract), checked for the fields
// the server stores and lenient about the rest, which is kept as uploaded.
import { z } from 'zod';
import { type Component, ECOSYSTEMS, type Finding, SEVERITIES } from '../../model/index.ts';
import { parseWith } from './issues.ts';
import type { ParsedUpload } from './upload.ts';

const location = z.looseObject({ path: z.string().min(1), line: z.number().int().min(0) });

export const componentSchema = z.looseObject({
  purl: z.string().min(1),
  ecosystem: z.enum(ECOSYSTEMS),
  name: z.string().min(1),
  version: z.string().optional(),
  scope: z.enum(['prod', 'dev', 'optional']),
  direct: z.boolean(),
  licenses: z.array(z.string()),
  location,
  source: z.looseObject({ type: z.enum(['registry', 'git', 'path', 'url']) }),
  dependencies: z.array(z.string()),
});

const findingSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(['vulnerability', 'secret', 'misconfiguration', 'code', 'integrity']),
  ruleId: z.string().min(1),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  location: z.looseObject({ path: z.string(), line: z.number().optional() }),
  fingerprint: z.string().min(1).max(200),
  component: componentSchema.optional(),
  advisory: z
    .looseObject({
      ids: z.array(z.string()),
      epss: z.looseObject({ score: z.number() }).optional(),
      kev: z.looseObject({ cveId: z.string() }).optional(),
    })
    .optional(),
  reachability: z.enum(['unreachable', 'imported', 'function-reachable', 'unknown']).optional(),
  risk: z.looseObject({ score: z.number() }),
  remediation: z.looseObject({ text: z.string(), fixedVersion: z.string().optional() }).optional(),
});

const scanResultSchema = z.looseObject({
  schemaVersion: z.literal(1),
  target: z.string(),
  components: z.array(componentSchema),
  findings: z.array(findingSchema),
  coverage: z
    .looseObject({ files: z.array(z.looseObject({ status: z.enum(['parsed', 'failed', 'skipped']) })) })
    .optional(),
});

export function isScanResult(json: Record<string, unknown>): boolean {
  return 'schemaVersion' in json && 'findings' in json && 'components' in json;
}

/**
 * A scan is complete unless a file failed to parse: findings of a lockfile that could not be read
 * are unknown, not fixed.
 */
export function parseScanResult(json: unknown): ParsedUpload {
  const result = parseWith(scanResultSchema, json, 'scan result');
  const failed = (result.coverage?.files ?? []).filter((f) => f.status === 'failed').length;
  return {
    format: 'palisade',
    specVersion: String(result.schemaVersion),
    serialNumber: null,
    target: result.target,
    components: result.components as Component[],
    findings: result.findings as unknown as Finding[],
    complete: failed === 0,
    notes: failed > 0 ? [`${failed} file(s) failed to parse: the scan is partial and fixes nothing`] : [],
  };
}
