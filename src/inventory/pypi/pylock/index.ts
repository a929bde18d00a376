import { basename, type Extractor } from '../../extractor.ts';
import { extractPylock } from './extract.ts';

/** PEP 751 names: `pylock.toml` or `pylock.<name>.toml`. */
const NAME = /^pylock\.([^.]+\.)?toml$/;

export const extractor: Extractor = {
  name: 'pypi/pylock',
  version: 1,
  ecosystem: 'PyPI',
  matches: (path) => NAME.test(basename(path)),
  extract: extractPylock,
};
