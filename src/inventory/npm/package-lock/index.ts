import type { Extractor } from '../../extractor.ts';
import { basename } from '../../extractor.ts';
import { extractPackageLock } from './extract.ts';

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
