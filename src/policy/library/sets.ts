/**
 * The built-in policy sets, addressed as `builtin:<name>`. Each is a list of policy files (plain
 * ValidatingAdmissionPolicy YAML) in this folder. The Kubernetes sets export to a cluster as is;
 * the Dockerfile and Terraform sets select Palisade's input groups (docs/iac-shapes.md). This
 * module reads and compiles nothing, so callers can reason about sets without loading the engine.
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

/**
 * The one input each set's policies read (library.test.ts checks it against their
 * matchConstraints): a scan with only built-in sets can tell that a repository without such
 * files has nothing for them, before compiling anything.
 */
export const SET_INPUTS: Record<PolicySetName, 'kubernetes' | 'dockerfile' | 'terraform'> = {
  'pss-baseline': 'kubernetes',
  'pss-restricted': 'kubernetes',
  'best-practices': 'kubernetes',
  network: 'kubernetes',
  rbac: 'kubernetes',
  'secrets-in-env': 'kubernetes',
  dockerfile: 'dockerfile',
  terraform: 'terraform',
  'terraform-aws': 'terraform',
  'terraform-gcp': 'terraform',
  'terraform-azure': 'terraform',
};

export const BUILTIN_PREFIX = 'builtin:';

export function isBuiltinRef(ref: string): boolean {
  return ref.startsWith(BUILTIN_PREFIX);
}

export function policySetNames(): PolicySetName[] {
  return Object.keys(POLICY_SETS) as PolicySetName[];
}

export function isSetName(name: string): name is PolicySetName {
  return Object.hasOwn(POLICY_SETS, name);
}
