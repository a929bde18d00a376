import { basename, type Extractor } from '../../extractor.ts';
import { extractGoMod } from './extract.ts';

export const extractor: Extractor = {
  name: 'go/go-mod',
  version: 1,
  ecosystem: 'Go',
  matches: (path) => basename(path) === 'go.mod',
  extract: extractGoMod,
};
