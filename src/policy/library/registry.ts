import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PalisadeError } from '../../model/index.ts';
import { loadPolicies, type PolicyBundle } from '../load.ts';

/**
 * The built-in policy sets, addressed as `builtin:<name>`. Each is a list of policy files (plain
 * ValidatingAdmissionPolicy YAML) in this folder. The Kubernetes sets export to a cluster as is;
 * the Dockerfile and Terraform sets select Palisade's input groups (docs/iac-shapes.md).
 */
export const POLICY_SETS = {
  'pss-baseline': ['pss/baseline.yaml'],
  'pss-restricted': ['pss/baseline.yaml', 'pss/restricted.yaml'],
  'best-practices': ['best-practices.yaml'],
  network: ['network.yaml'],
  rbac: ['rbac.yaml'],
  'secrets-in-env': ['secrets-in-env.yaml'],
  dockerfile: ['dockerfile.yaml'],
  terraform: ['terraform/aws.yaml', 'terraform/gcp.yaml', 'terraform/azure.yaml'],
  'terraform-aws': ['terraform/aws.yaml'],
  'terraform-gcp': ['terraform/gcp.yaml'],
  'terraform-azure': ['terraform/azure.yaml'],
} as const satisfies Record<string, readonly string[]>;

export type PolicySetName = keyof typeof POLICY_SETS;

export const BUILTIN_PREFIX = 'builtin:';

export function isBuiltinRef(ref: string): boolean {
  return ref.startsWith(BUILTIN_PREFIX);
}

export function policySetNames(): PolicySetName[] {
  return Object.keys(POLICY_SETS) as PolicySetName[];
}

function isSetName(name: string): name is PolicySetName {
  return Object.hasOwn(POLICY_SETS, name);
}

/** The files of the library, read from disk next to this module (so a build must copy them along). */
export function libraryFile(file: string): { path: string; text: string } {
  return { path: `builtin/${file}`, text: readFileSync(join(import.meta.dirname, file), 'utf8') };
}

const cache = new Map<string, PolicyBundle>();

/** Compiles a built-in set once per process; `name` may carry the `builtin:` prefix. */
export function loadBuiltinSet(name: string): PolicyBundle {
  const bare = name.startsWith(BUILTIN_PREFIX) ? name.slice(BUILTIN_PREFIX.length) : name;
  if (!isSetName(bare)) {
    throw new PalisadeError(
      'usage',
      `unknown built-in policy set '${bare}'; choose one of ${policySetNames().join(', ')}`,
    );
  }
  let bundle = cache.get(bare);
  if (!bundle) {
    bundle = loadPolicies(POLICY_SETS[bare].map(libraryFile));
    cache.set(bare, bundle);
  }
  return bundle;
}

/** Every built-in policy, each file once: the whole library. */
export function loadWholeLibrary(): PolicyBundle {
  const files = [...new Set(Object.values(POLICY_SETS).flat())];
  const key = '*';
  let bundle = cache.get(key);
  if (!bundle) {
    bundle = loadPolicies(files.map(libraryFile));
    cache.set(key, bundle);
  }
  return bundle;
}
