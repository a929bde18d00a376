import { extractor as cargoLock } from './cargo/cargo-lock/index.ts';
import type { Extractor } from './extractor.ts';
import { extractor as goMod } from './go/go-mod/index.ts';
import { extractor as composerLock } from './php/composer-lock/index.ts';
import { extractor as gemfileLock } from './ruby/gemfile-lock/index.ts';

/**
 * Every extractor, in one explicit list (no registration by import side effects). A new format is
 * one folder under src/inventory/<ecosystem>/<format>/ plus one line here; registry.test.ts checks
 * that the two agree.
 */
export const EXTRACTORS: readonly Extractor[] = [cargoLock, composerLock, gemfileLock, goMod];

export function extractorsFor(path: string): Extractor[] {
  return EXTRACTORS.filter((extractor) => extractor.matches(path));
}
