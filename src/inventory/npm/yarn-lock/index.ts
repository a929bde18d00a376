import { basename, type Extractor } from '../../extractor.ts';
import { extract } from './extract.ts';

export const extractor: Extractor = {
  name: 'npm/yarn-lock',
  version: 1,
  ecosystem: 'npm',
  matches: (path) => basename(path) === 'yarn.lock',
  extract,
};
