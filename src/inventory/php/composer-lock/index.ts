import { basename, type Extractor } from '../../extractor.ts';
import { extractComposerLock } from './extract.ts';

export const extractor: Extractor = {
  name: 'php/composer-lock',
  version: 1,
  ecosystem: 'Packagist',
  matches: (path) => basename(path) === 'composer.lock',
  extract: extractComposerLock,
};
