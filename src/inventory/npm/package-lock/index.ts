import type { Extractor } from '../../extractor.ts';
import { basename } from '../../extractor.ts';
import { extractPackageLock } from './extract.ts';

/**
 * package-lock.json and npm-shrinkwrap.json, lockfileVersion 1, 2 and 3. What it reports:
 * - every installed package once per name@version (nested copies merge, at the first line seen;
 *   the line is that of the entry's key), the root project as `root`, not as a component;
 * - `npm:` aliases under the real package name (the alias is only the folder it is installed in);
 * - workspace members and `file:` directories as components with a `path` source (`link: true`),
 *   so they are never matched with registry packages of the same name; a workspace is `direct`,
 *   and so is what it declares;
 * - git, remote tarball and `file:` tarball dependencies with `git`, `url` and `path` sources and
 *   the `vcs_url` / `download_url` purl qualifiers (v1 does not record their own version);
 * - platform-specific optional packages (fsevents) whatever the platform: the lockfile is the
 *   project's inventory on every machine.
 */
export const extractor: Extractor = {
  name: 'npm/package-lock',
  version: 1,
  ecosystem: 'npm',
  // A lockfile inside node_modules belongs to an installed package, already in the project's own.
  matches: (path) => {
    const name = basename(path);
    return (
      (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') &&
      !path.startsWith('node_modules/') &&
      !path.includes('/node_modules/')
    );
  },
  extract: extractPackageLock,
};
