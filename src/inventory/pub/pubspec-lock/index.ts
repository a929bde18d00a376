import { basename, type Extractor } from '../../extractor.ts';
import { extractPubspecLock } from './extract.ts';

export const extractor: Extractor = {
  name: 'pub/pubspec-lock',
  version: 1,
  ecosystem: 'Pub',
  matches: (path) => basename(path) === 'pubspec.lock',
  extract: extractPubspecLock,
};
