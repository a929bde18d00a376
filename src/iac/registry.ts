import type { PolicyBundle } from '../policy/index.ts';
import { dockerfile } from './dockerfile.ts';
import { kubernetes } from './kubernetes.ts';
import type { IacInput } from './resource.ts';
import { terraform } from './terraform.ts';

/** Every IaC input type, in one explicit list (registry.test.ts checks it is complete). */
export const IAC_INPUTS: readonly IacInput[] = [kubernetes, dockerfile, terraform];

/** The input that reads `path`, if any: the inputs match disjoint file names. */
export function iacInputFor(path: string): IacInput | undefined {
  return IAC_INPUTS.find((input) => input.matches(path));
}

/**
 * The inputs a bundle's admission policies can match, so a scan reads no file that no policy
 * looks at: a resource rule naming an input's group selects that input; any other group
 * (Kubernetes', or `*`) selects the Kubernetes input.
 */
export function inputsFor(bundle: PolicyBundle): IacInput[] {
  const groups = new Set(
    bundle.policies.flatMap((p) =>
      (p.document.spec.matchConstraints?.resourceRules ?? []).flatMap((r) => r.apiGroups ?? ['']),
    ),
  );
  return IAC_INPUTS.filter((input) =>
    input.apiGroup === undefined
      ? [...groups].some((g) => !IAC_INPUTS.some((i) => i.apiGroup === g))
      : groups.has(input.apiGroup),
  );
}
