import { basename, type Extractor } from '../../extractor.ts';
import { extractUvLock } from './extract.ts';

export const extractor: Extractor = {
  name: 'pypi/uv-lock',
  version: 1,
  ecosystem: 'PyPI',
  matches: (path) => basename(path) === 'uv.lock',
  extract: extractUvLock,
};
