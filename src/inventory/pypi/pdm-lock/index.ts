import { basename, type Extractor } from '../../extractor.ts';
import { extractPdmLock } from './extract.ts';

export const extractor: Extractor = {
  name: 'pypi/pdm-lock',
  version: 1,
  ecosystem: 'PyPI',
  matches: (path) => basename(path) === 'pdm.lock',
  extract: extractPdmLock,
};
