import { basename, type Extractor } from '../../extractor.ts';
import { extract } from './extract.ts';

/** bun.lock, the text lockfile of bun ≥ 1.2. The binary bun.lockb is not read (not matched). */
export const extractor: Extractor = {
  name: 'npm/bun-lock',
  version: 1,
  ecosystem: 'npm',
  matches: (path) => basename(path) === 'bun.lock',
  extract,
};
