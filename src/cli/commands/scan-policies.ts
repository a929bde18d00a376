import type { IacEvaluation } from '../../iac/evaluate.ts';
import { IAC_INPUTS, inputsFor } from '../../iac/registry.ts';
import { listIacFiles, scanIacDirectory } from '../../iac/scan.ts';
import { renderInTree } from '../../iac/tree-render.ts';
import type { InventoryOptions } from '../../inventory/scan.ts';
import { atLeast, type ScanResult, type Severity } from '../../model/index.ts';
import type { PolicyBundle } from '../../policy/index.ts';
// The set registry alone (no engine): enough to know which files built-in sets read.
import { BUILTIN_PREFIX, isBuiltinRef, isSetName, SET_INPUTS } from '../../policy/library/sets.ts';
import type { IgnoreEntry } from '../../triage/ignore-file.ts';
import { applyRisk, type RiskContext } from '../../triage/risk/formula.ts';
import { applySuppressions } from '../../triage/suppress.ts';
import type { VexStatement } from '../../triage/vex/statement.ts';

export interface PolicyContext {
  inventory: InventoryOptions;
  ignore: readonly IgnoreEntry[];
  vex: readonly VexStatement[];
  today: string;
  minimumSeverity: Severity;
  /** The exposure the scan's other findings were scored with: misconfigurations are scored alike. */
  risk: RiskContext;
}

/** `--policy` refs run in each policy's own mode; `--audit-policy` refs in audit mode. */
export interface PolicyRefs {
  own: readonly string[];
  audit: readonly string[];
}

/**
 * `scan --policy` / `--audit-policy`: admission policies run over the repository's Kubernetes
 * manifests (Helm charts and Kustomize overlays as rendered), Dockerfiles and Terraform (their
 * violations become misconfiguration findings, risk-scored with the scan's exposure), then
 * finding policies run over every finding (their decisions are the CI gate). Both add to
 * `result` in place; the caller re-ranks. A policy named by both lists runs once, in its own mode.
 */
export async function applyPolicies(
  dir: string,
  result: ScanResult,
  refs: PolicyRefs,
  context: PolicyContext,
): Promise<string[]> {
  const files = filesForBuiltinSets([...refs.own, ...refs.audit], dir, context);
  // Built-in sets hold admission policies only: with no file to read they have nothing to say,
  // and the policy engine need not even be loaded (the default audit sets on most repositories).
  if (files?.length === 0) return [];
  // Loaded here: the policy engine costs a noticeable part of a second to load.
  const [{ evaluateIacResources }, policy, { loadPolicyRefs }] = await Promise.all([
    import('../../iac/evaluate.ts'),
    import('../../policy/index.ts'),
    import('./policy-refs.ts'),
  ]);
  const own = loadPolicyRefs(refs.own);
  const audit = auditBundle(loadPolicyRefs(refs.audit.filter((r) => !refs.own.includes(r))), own);
  const inputs = inputsFor(policy.mergeBundles(own, audit));
  const warnings: string[] = [];
  if (inputs.length > 0) {
    const { result: iac, warnings: rendering } = await renderInTree(
      dir,
      await scanIacDirectory(dir, { ...context.inventory, inputs, ...(files ? { files } : {}) }),
    );
    warnings.push(...rendering);
    for (const evaluation of [
      evaluateIacResources(iac.resources, own),
      evaluateIacResources(iac.resources, audit, { mode: 'audit' }),
    ]) {
      warnings.push(...addEvaluation(result, evaluation, context));
    }
    result.coverage.files.push(...iac.files);
  }
  const findings = result.findings;
  result.decisions.push(
    ...policy.evaluateFindingPolicies(own.findingPolicies, findings).map((r) => r.decision),
    ...policy
      .evaluateFindingPolicies(audit.findingPolicies, findings, { mode: 'audit' })
      .map((r) => r.decision),
  );
  return [...new Set(warnings)];
}

/**
 * When every ref is a known built-in set: the files the inputs of those sets read (SET_INPUTS,
 * known without compiling a set). Undefined otherwise.
 */
function filesForBuiltinSets(
  refs: readonly string[],
  dir: string,
  context: PolicyContext,
): string[] | undefined {
  const names = refs.map((r) => (isBuiltinRef(r) ? r.slice(BUILTIN_PREFIX.length) : ''));
  if (!names.every(isSetName)) return undefined;
  const wanted = new Set(names.map((n) => SET_INPUTS[n]));
  return listIacFiles(dir, { ...context.inventory, inputs: IAC_INPUTS.filter((i) => wanted.has(i.name)) });
}

/**
 * The audit bundle as it runs beside `own`: without the policies `own` has (a policy given twice
 * is evaluated once, in its own mode), and with `own`'s exceptions and params, which the user
 * wrote for every policy that runs.
 */
function auditBundle(audit: PolicyBundle, own: PolicyBundle): PolicyBundle {
  const names = new Set([...own.policies, ...own.findingPolicies].map((p) => p.name));
  return {
    ...audit,
    policies: audit.policies.filter((p) => !names.has(p.name)),
    findingPolicies: audit.findingPolicies.filter((p) => !names.has(p.name)),
    exceptions: [...audit.exceptions, ...own.exceptions],
    params: [...audit.params, ...own.params],
  };
}

function addEvaluation(result: ScanResult, evaluation: IacEvaluation, context: PolicyContext): string[] {
  const scored = applyRisk(evaluation.findings, context.risk);
  const suppressed = applySuppressions(scored, context.ignore, context.vex, context.today);
  result.findings.push(...suppressed.findings.filter((f) => atLeast(f.severity, context.minimumSeverity)));
  result.decisions.push(...evaluation.decisions);
  for (const e of evaluation.errors) {
    result.coverage.unresolved.push({ path: e.source, line: 0, name: 'manifest', reason: e.message });
  }
  return [...suppressed.warnings, ...evaluation.warnings];
}
