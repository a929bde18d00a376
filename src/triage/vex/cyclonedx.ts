import { z } from 'zod';
import type { VexStatement, VexStatus } from './statement.ts';

const cdxSchema = z.looseObject({
  bomFormat: z.literal('CycloneDX'),
  components: z
    .array(z.looseObject({ 'bom-ref': z.string().optional(), purl: z.string().optional() }))
    .optional(),
  vulnerabilities: z.array(
    z.looseObject({
      id: z.string(),
      references: z.array(z.looseObject({ id: z.string() })).optional(),
      analysis: z
        .looseObject({
          state: z
            .enum([
              'resolved',
              'resolved_with_pedigree',
              'exploitable',
              'in_triage',
              'false_positive',
              'not_affected',
            ])
            .optional(),
          justification: z.string().optional(),
          detail: z.string().optional(),
        })
        .optional(),
      affects: z.array(z.looseObject({ ref: z.string() })).optional(),
    }),
  ),
});

/** CycloneDX impact analysis states mapped onto VEX statuses (CycloneDX 1.4+ `analysis.state`). */
const STATE: Record<string, VexStatus> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

/** CycloneDX justifications mapped onto OpenVEX's, so one vocabulary flows downstream. */
const JUSTIFICATION: Record<string, string> = {
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_dependency: 'component_not_present',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'inline_mitigations_already_exist',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
};

export function isCycloneDxVex(json: unknown): boolean {
  return (
    typeof json === 'object' && json !== null && (json as Record<string, unknown>).bomFormat === 'CycloneDX'
  );
}

/** CycloneDX VEX (a BOM whose `vulnerabilities[]` carry `analysis` and `affects`). */
export function parseCycloneDxVex(json: unknown, source: string): VexStatement[] | z.ZodError {
  const parsed = cdxSchema.safeParse(json);
  if (!parsed.success) return parsed.error;
  const purlOf = new Map(
    (parsed.data.components ?? []).flatMap((c) =>
      c['bom-ref'] && c.purl ? [[c['bom-ref'], c.purl] as const] : [],
    ),
  );
  return parsed.data.vulnerabilities.flatMap((v) => {
    const state = v.analysis?.state;
    if (!state) return [];
    const products = (v.affects ?? [])
      .map((a) => purlOf.get(a.ref) ?? refToPurl(a.ref))
      .filter((p): p is string => p !== undefined);
    const statement: VexStatement = {
      vulnerabilities: [v.id, ...(v.references ?? []).map((r) => r.id)],
      products,
      status: STATE[state]!,
      source,
    };
    const justification = v.analysis?.justification;
    if (justification) statement.justification = JUSTIFICATION[justification] ?? justification;
    else if (state === 'false_positive') statement.justification = 'component_not_present';
    if (v.analysis?.detail) statement.statement = v.analysis.detail;
    return [statement];
  });
}

/** `affects[].ref` is a bom-ref, often the purl itself, or a BOM-Link `urn:cdx:…#<bom-ref>`. */
function refToPurl(ref: string): string | undefined {
  const fragment = ref.startsWith('urn:cdx:') ? decodeURIComponent(ref.slice(ref.indexOf('#') + 1)) : ref;
  return fragment.startsWith('pkg:') ? fragment : undefined;
}
