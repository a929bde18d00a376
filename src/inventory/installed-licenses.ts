import type { Component } from '../model/index.ts';
import { dirname } from './extractor.ts';
import { licensesFrom } from './license.ts';

/**
 * Fills in licenses that a lockfile does not record (yarn, pnpm, bun, deno, npm v1) from the
 * installed package's own manifest, `node_modules/<name>/package.json` beside the lockfile, when
 * one is installed at the same version. Reads go through the tree reader, so only files inside
 * the scanned tree are consulted; a missing or unreadable manifest changes nothing. Lockfiles
 * without an installed `node_modules` beside them (the usual CI checkout) cost one stat.
 */
export function addInstalledNpmLicenses(
  components: Component[],
  readFile: (path: string) => string | undefined,
  isDirectory: (path: string) => boolean,
): void {
  const installed = new Map<string, boolean>();
  for (const component of components) {
    if (component.ecosystem !== 'npm' || component.licenses.length > 0 || component.version === undefined) {
      continue;
    }
    const dir = dirname(component.location.path);
    const modules = dir === '' ? 'node_modules' : `${dir}/node_modules`;
    if (!installed.has(modules)) installed.set(modules, isDirectory(modules));
    if (!installed.get(modules)) continue;
    const manifest = readFile(`${modules}/${component.name}/package.json`);
    if (manifest === undefined) continue;
    try {
      const json = JSON.parse(manifest) as { version?: unknown; license?: unknown; licenses?: unknown };
      if (json.version !== component.version) continue;
      component.licenses = licensesFrom(json.license ?? json.licenses);
    } catch {
      // a broken installed manifest is not the scan's concern: the lockfile is the source of truth
    }
  }
}
