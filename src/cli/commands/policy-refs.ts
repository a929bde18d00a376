import {
  isBuiltinRef,
  loadBuiltinSet,
  loadPolicies,
  mergeBundles,
  type PolicyBundle,
} from '../../policy/index.ts';
import { readYamlFiles } from './policy-files.ts';

/** `builtin:NAME` sets and policy files or directories, as one bundle. */
export function loadPolicyRefs(refs: readonly string[]): PolicyBundle {
  const builtins = withoutRepeats(refs.filter(isBuiltinRef).map(loadBuiltinSet));
  const paths = refs.filter((r) => !isBuiltinRef(r));
  const files = paths.length > 0 ? [loadPolicies(readYamlFiles(paths))] : [];
  return mergeBundles(...builtins, ...files);
}

/**
 * Built-in sets share files (`pss-restricted` holds `pss-baseline`, `terraform` holds
 * `terraform-aws`): a policy from a file an earlier set brought is left out, not reported twice.
 */
function withoutRepeats(sets: readonly PolicyBundle[]): PolicyBundle[] {
  const seen = new Set<string>();
  return sets.map((set) => {
    const fresh = set.policies.filter((p) => {
      const key = `${p.source.path}:${p.source.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return fresh.length === set.policies.length ? set : { ...set, policies: fresh };
  });
}
