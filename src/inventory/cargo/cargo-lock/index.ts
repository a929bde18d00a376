import { basename, type Extractor } from '../../extractor.ts';
import { extractCargoLock } from './extract.ts';

export const extractor: Extractor = {
  name: 'cargo/cargo-lock',
  version: 1,
  ecosystem: 'crates.io',
  matches: (path) => basename(path) === 'Cargo.lock',
  extract: extractCargoLock,
};
