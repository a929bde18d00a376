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
  const builtins = refs.filter(isBuiltinRef).map(loadBuiltinSet);
  const paths = refs.filter((r) => !isBuiltinRef(r));
  const files = paths.length > 0 ? [loadPolicies(readYamlFiles(paths))] : [];
  return mergeBundles(...builtins, ...files);
}
