import { basename, type Extractor } from '../../extractor.ts';
import { extractPackagesLock } from './extract.ts';

export const extractor: Extractor = {
  name: 'nuget/packages-lock',
  version: 1,
  ecosystem: 'NuGet',
  matches: (path) => basename(path) === 'packages.lock.json',
  extract: extractPackagesLock,
};
