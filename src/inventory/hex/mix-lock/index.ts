import { basename, type Extractor } from '../../extractor.ts';
import { extractMixLock } from './extract.ts';

export const extractor: Extractor = {
  name: 'hex/mix-lock',
  version: 1,
  ecosystem: 'Hex',
  matches: (path) => basename(path) === 'mix.lock',
  extract: extractMixLock,
};
