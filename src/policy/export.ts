import { stringify } from 'yaml';
import type { PolicyMode } from '../model/index.ts';
import type { PolicyBundle } from './load.ts';
import { MANIFEST_SET_KIND } from './vap/batch.ts';
import type { CompiledPolicy } from './vap/compile.ts';
import { isInputGroup } from './vap/request.ts';

export interface ExportOptions {
  /** Overrides every policy's mode in the generated bindings. */
  mode?: PolicyMode;
}

export interface ExportResult {
  /** Multi-document YAML: each policy, then its binding(s), ready for `kubectl apply`. */
  yaml: string;
  /** Policies that cannot run in a cluster, with the reason (they are left out). */
  skipped: { policy: string; reason: string }[];
}

const ACTIONS: Record<PolicyMode, string[]> = { enforce: ['Deny'], audit: ['Warn', 'Audit'] };

/**
 * `palisade policy export`: the admission policies of a bundle as cluster objects. Policies keep
 * their bindings; a policy without one gets a binding whose validationActions follow its mode
 * (`palisade.dev/mode`, default enforce), and, if it takes params, a paramRef that selects every
 * param object of its kind and allows the request when there is none (Palisade's implicit
 * binding falls back to the policy's defaults instead, which a cluster cannot do). Policies over
 * a whole manifest set (paramKind ManifestSet) have no meaning in a cluster and are skipped, and so
 * are policies over Dockerfiles and Terraform (they name only Palisade input groups).
 */
export function exportPolicies(bundle: PolicyBundle, options: ExportOptions = {}): ExportResult {
  const docs: unknown[] = [];
  const skipped: ExportResult['skipped'] = [];
  const bound = new Set(bundle.bindings.map((b) => b.policyName));
  for (const policy of bundle.policies) {
    if (policy.paramKind?.kind === MANIFEST_SET_KIND && policy.paramKind.group === 'palisade.dev') {
      skipped.push({
        policy: policy.name,
        reason: 'it needs the whole manifest set, which a cluster does not evaluate together',
      });
      continue;
    }
    if (onlyInputs(policy)) {
      skipped.push({
        policy: policy.name,
        reason: 'it applies to Dockerfiles or Terraform, which a cluster never admits',
      });
      continue;
    }
    docs.push(policy.document);
    if (bound.has(policy.name)) continue;
    const mode = options.mode ?? policy.mode ?? 'enforce';
    docs.push({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: policy.name, labels: { 'app.kubernetes.io/managed-by': 'palisade' } },
      spec: {
        policyName: policy.name,
        validationActions: ACTIONS[mode],
        ...(policy.paramKind ? { paramRef: { selector: {}, parameterNotFoundAction: 'Allow' } } : {}),
      },
    });
  }
  for (const binding of bundle.bindings) {
    const document = options.mode
      ? { ...binding.document, spec: { ...binding.document.spec, validationActions: ACTIONS[options.mode] } }
      : binding.document;
    docs.push(document);
  }
  const yaml = docs.map((d) => `---\n${stringify(d, { lineWidth: 0 })}`).join('');
  return { yaml, skipped };
}

/** Every resource rule names Palisade input groups only (`terraform.palisade.dev`, …). */
function onlyInputs(policy: CompiledPolicy): boolean {
  const rules = policy.document.spec.matchConstraints?.resourceRules ?? [];
  return (
    rules.length > 0 &&
    rules.every((r) => (r.apiGroups ?? []).length > 0 && (r.apiGroups ?? []).every(isInputGroup))
  );
}
