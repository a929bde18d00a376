import { isBuiltin } from 'node:module';
import { ResolverFactory } from 'oxc-resolver';
import type { RequestKind } from './js-facts.ts';

/** Resolves a module request made from a file to the file it loads (absolute paths), or undefined. */
export interface ModuleResolver {
  resolve(fromFile: string, specifier: string, kind: RequestKind): string | undefined;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json', '.node'];

/**
 * Node's resolution as oxc-resolver implements it: package `exports` maps (with `import` or
 * `require` conditions as the request asks), `main`, extensions and directory indexes, the
 * TypeScript habit of importing `./x.js` for `./x.ts`, and tsconfig `paths` (tsconfig found from
 * each project file upwards; not for installed packages, which are built). Reads the disk: this is
 * the adapter at the edge of the otherwise pure analysis.
 */
export function createNodeResolver(): ModuleResolver {
  const base = {
    extensions: EXTENSIONS,
    extensionAlias: {
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
      '.cjs': ['.cts', '.cjs'],
    },
    mainFields: ['main', 'module'],
    nodePath: false,
  };
  const esm = new ResolverFactory({ ...base, conditionNames: ['node', 'import', 'module', 'default'] });
  const cjs = esm.cloneWithOptions({ ...base, conditionNames: ['node', 'require', 'default'] });
  const esmProject = esm.cloneWithOptions({
    ...base,
    conditionNames: ['node', 'import', 'module', 'default'],
    tsconfig: 'auto',
  });
  const cjsProject = esm.cloneWithOptions({
    ...base,
    conditionNames: ['node', 'require', 'default'],
    tsconfig: 'auto',
  });
  return {
    resolve(fromFile, specifier, kind) {
      const installed = fromFile.includes('/node_modules/');
      const resolver = kind === 'require' ? (installed ? cjs : cjsProject) : installed ? esm : esmProject;
      return resolver.resolveFileSync(fromFile, specifier).path ?? undefined;
    },
  };
}

/** `fs`, `node:fs`, `bun:sqlite`: run-time modules, not packages. */
export function isRuntimeModule(specifier: string): boolean {
  return isBuiltin(specifier) || /^(?:node|bun|deno):/.test(specifier);
}

/** A request for a package by name (`lodash`, `@scope/x/deep`), not a path, URL or import map alias. */
export function isBareSpecifier(specifier: string): boolean {
  return !/^(?:\.{1,2}(?:\/|$)|\/|#|[a-zA-Z][a-zA-Z\d+.-]*:)/.test(specifier) && specifier.length > 0;
}

/** The package a bare specifier names: `@scope/x` of `@scope/x/deep/file`, `lodash` of `lodash/template`. */
export function packageOfSpecifier(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** The subpath after the package name: `template` of `lodash/template.js`, undefined for the package itself. */
export function subpathOfSpecifier(specifier: string): string | undefined {
  const name = packageOfSpecifier(specifier);
  const rest = specifier.slice(name.length + 1);
  return rest === '' ? undefined : rest;
}

/**
 * The installed package a path lies in, from its last `node_modules/` segment (pnpm's
 * `.pnpm/x@1/node_modules/x/…` included): name and package directory, both relative.
 */
export function packageOfPath(path: string): { name: string; dir: string } | undefined {
  const i = path.lastIndexOf('node_modules/');
  if (i < 0) return undefined;
  const rest = path.slice(i + 'node_modules/'.length).split('/');
  const scoped = rest[0]?.startsWith('@');
  const nameParts = scoped ? rest.slice(0, 2) : rest.slice(0, 1);
  if (nameParts.length === 0 || nameParts.some((p) => p === '')) return undefined;
  const name = nameParts.join('/');
  return { name, dir: path.slice(0, i + 'node_modules/'.length + name.length) };
}
