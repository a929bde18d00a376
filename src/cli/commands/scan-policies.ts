import { evaluateIacResources } from '../../iac/evaluate.ts';
import { scanIacDirectory } from '../../iac/scan.ts';
import { renderInTree } from '../../iac/tree-render.ts';
import type { InventoryOptions } from '../../inventory/scan.ts';
import { atLeast, type ScanResult, type Severity } from '../../model/index.ts';
import { evaluateFindingPolicies } from '../../policy/index.ts';
import type { IgnoreEntry } from '../../triage/ignore-file.ts';
import { applySuppressions } from '../../triage/suppress.ts';
import type { VexStatement } from '../../triage/vex/statement.ts';
import { loadPolicyRefs } from './policy-refs.ts';

export interface PolicyContext {
  inventory: InventoryOptions;
  ignore: readonly IgnoreEntry[];
  vex: readonly VexStatement[];
  today: string;
  minimumSeverity: Severity;
}

/**
 * `scan --policy`: admission policies run over the repository's Kubernetes manifests, Helm
 * charts and Kustomize overlays rendered (their
 * violations become misconfiguration findings), then finding policies run over every finding
 * (their decisions are the CI gate). Both add to `result` in place.
 */
export async function applyPolicies(
  dir: string,
  result: ScanResult,
  refs: readonly string[],
  context: PolicyContext,
): Promise<string[]> {
  const bundle = loadPolicyRefs(refs);
  let warnings: string[] = [];
  if (bundle.policies.length > 0) {
    // Helm charts and Kustomize overlays in the tree are evaluated as rendered.
    const { result: iac, warnings: rendering } = await renderInTree(
      dir,
      await scanIacDirectory(dir, context.inventory),
    );
    const evaluation = evaluateIacResources(iac.resources, bundle);
    const suppressed = applySuppressions(evaluation.findings, context.ignore, context.vex, context.today);
    warnings = [...rendering, ...suppressed.warnings];
    result.findings.push(...suppressed.findings.filter((f) => atLeast(f.severity, context.minimumSeverity)));
    result.decisions.push(...evaluation.decisions);
    result.coverage.files.push(...iac.files);
    for (const e of evaluation.errors) {
      result.coverage.unresolved.push({ path: e.source, line: 0, name: 'manifest', reason: e.message });
    }
  }
  result.decisions.push(
    ...evaluateFindingPolicies(bundle.findingPolicies, result.findings).map((r) => r.decision),
  );
  return warnings;
}
