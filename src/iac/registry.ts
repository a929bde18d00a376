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
