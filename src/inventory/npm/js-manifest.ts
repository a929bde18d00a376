// package.json as the yarn.lock, bun.lock and deno.lock extractors read it: which dependencies
// a project declares, and in which scope.
import { z } from 'zod';
import { type Scope, strongerScope } from '../../model/index.ts';
import { type ExtractInput, resolveSibling } from '../extractor.ts';

/** A lenient dependency map (name -> range): entries whose range is not a string are dropped. */
export const dependencyMapSchema = z
  .record(z.string(), z.unknown())
  .optional()
  .catch(undefined)
  .transform((deps) => {
    const out = new Map<string, string>();
    for (const [name, range] of Object.entries(deps ?? {}))
      if (typeof range === 'string') out.set(name, range);
    return out;
  });

const manifestSchema = z.looseObject({
  name: z.string().optional().catch(undefined),
  version: z.string().optional().catch(undefined),
  dependencies: dependencyMapSchema,
  devDependencies: dependencyMapSchema,
  optionalDependencies: dependencyMapSchema,
  peerDependencies: dependencyMapSchema,
  workspaces: z
    .union([z.array(z.string()), z.looseObject({ packages: z.array(z.string()).optional() })])
    .optional()
    .catch(undefined),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** The four dependency maps of a package.json (or of a bun.lock workspace, which copies them). */
export interface DependencyLists {
  dependencies: Map<string, string>;
  devDependencies: Map<string, string>;
  optionalDependencies: Map<string, string>;
  peerDependencies: Map<string, string>;
}

/**
 * The package.json at `path` (relative to the scan root), or undefined when it is absent or not
 * JSON: a broken manifest only costs the dev/prod split, and its own extractor reports it.
 */
export function readManifest(input: ExtractInput, path: string): Manifest | undefined {
  const text = input.readFile(path);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = manifestSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** package.json in directory `dir` (relative to the lockfile's directory). */
export function manifestBeside(input: ExtractInput, dir: string): Manifest | undefined {
  return readManifest(
    input,
    resolveSibling(input.path, dir === '' || dir === '.' ? 'package.json' : `${dir}/package.json`),
  );
}

export interface DeclaredDependency {
  name: string;
  range: string;
  scope: Scope;
}

/**
 * What a manifest declares, one entry per name with npm's precedence: optionalDependencies
 * override dependencies, and devDependencies count only for names that are not also runtime
 * dependencies. Peer dependencies are included (as prod) only for package managers that install them.
 */
export function declaredDependencies(manifest: DependencyLists, includePeers: boolean): DeclaredDependency[] {
  const out = new Map<string, DeclaredDependency>();
  const put = (deps: Map<string, string>, scope: Scope): void => {
    for (const [name, range] of deps) {
      const existing = out.get(name);
      if (!existing || strongerScope(scope, existing.scope) === scope) out.set(name, { name, range, scope });
    }
  };
  put(manifest.devDependencies, 'dev');
  if (includePeers) put(manifest.peerDependencies, 'prod');
  put(manifest.dependencies, 'prod');
  for (const [name, range] of manifest.optionalDependencies)
    out.set(name, { name, range, scope: 'optional' });
  return [...out.values()];
}

/** Workspace globs of a manifest (`workspaces: [...]` or `workspaces: { packages: [...] }`). */
export function workspacePatterns(manifest: Manifest): string[] {
  const ws = manifest.workspaces;
  if (!ws) return [];
  return Array.isArray(ws) ? ws : (ws.packages ?? []);
}
