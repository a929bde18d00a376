import { basename, type Extractor } from '../../extractor.ts';
import { extractGradleLockfile } from './extract.ts';

const LOCKFILES = new Set(['gradle.lockfile', 'buildscript-gradle.lockfile']);

export const extractor: Extractor = {
  name: 'maven/gradle-lockfile',
  version: 1,
  ecosystem: 'Maven',
  matches: (path) =>
    LOCKFILES.has(basename(path)) ||
    (path.endsWith('.lockfile') && /(?:^|\/)gradle\/dependency-locks\/[^/]+$/.test(path)),
  extract: extractGradleLockfile,
};
