import { basename, type Extractor } from '../../extractor.ts';
import { extractPoetryLock } from './extract.ts';

export const extractor: Extractor = {
  name: 'pypi/poetry-lock',
  version: 1,
  ecosystem: 'PyPI',
  matches: (path) => basename(path) === 'poetry.lock',
  extract: extractPoetryLock,
};
