import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PalisadeError } from '../../model/index.ts';
import { loadPolicies, type PolicyBundle } from '../load.ts';
import { BUILTIN_PREFIX, isSetName, POLICY_SETS, policySetNames } from './sets.ts';

export {
  BUILTIN_PREFIX,
  isBuiltinRef,
  POLICY_SETS,
  type PolicySetName,
  policySetNames,
  SET_INPUTS,
} from './sets.ts';

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
