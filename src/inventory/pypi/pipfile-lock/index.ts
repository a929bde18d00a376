import { basename, type Extractor } from '../../extractor.ts';
import { extractPipfileLock } from './extract.ts';

export const extractor: Extractor = {
  name: 'pypi/pipfile-lock',
  version: 1,
  ecosystem: 'PyPI',
  matches: (path) => basename(path) === 'Pipfile.lock',
  extract: extractPipfileLock,
};
