import { basename, type Extractor } from '../../extractor.ts';
import { extractPnpmLock } from './extract.ts';

export const extractor: Extractor = {
  name: 'npm/pnpm-lock',
  version: 1,
  ecosystem: 'npm',
  matches: (path) => basename(path) === 'pnpm-lock.yaml',
  extract: extractPnpmLock,
};
