import { basename, type Extractor } from '../../extractor.ts';
import { extractPomXml } from './extract.ts';

export const extractor: Extractor = {
  name: 'maven/pom-xml',
  version: 1,
  ecosystem: 'Maven',
  matches: (path) => basename(path) === 'pom.xml',
  extract: extractPomXml,
};
