import { basename, type Extractor } from '../../extractor.ts';
import { extractGemfileLock } from './extract.ts';

export const extractor: Extractor = {
  name: 'ruby/gemfile-lock',
  version: 1,
  ecosystem: 'RubyGems',
  // gems.locked is Bundler's name for the lockfile of a gems.rb.
  matches: (path) => {
    const name = basename(path);
    return name === 'Gemfile.lock' || name === 'gems.locked';
  },
  extract: extractGemfileLock,
};
