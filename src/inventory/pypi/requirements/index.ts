import { basename, dirname, type Extractor } from '../../extractor.ts';
import { extractRequirements } from './extract.ts';

/** requirements.txt, requirements-dev.txt, requirements_test.txt, dev-requirements.txt, constraints.txt, requirements/*.txt */
function matches(path: string): boolean {
  const name = basename(path).toLowerCase();
  if (!name.endsWith('.txt')) return false;
  if (/^(requirements|constraints)([-_.].*)?\.txt$/.test(name) || /[-_.]requirements\.txt$/.test(name))
    return true;
  return basename(dirname(path)).toLowerCase() === 'requirements';
}

export const extractor: Extractor = {
  name: 'pypi/requirements',
  version: 1,
  ecosystem: 'PyPI',
  matches,
  extract: extractRequirements,
};
