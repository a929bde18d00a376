import type { Extractor } from './extractor.ts';

/**
 * Every extractor, in one explicit list (no registration by import side effects). A new format is
 * one folder under src/inventory/<ecosystem>/<format>/ plus one line here; registry.test.ts checks
 * that the two agree.
 */
export const EXTRACTORS: readonly Extractor[] = [];

export function extractorsFor(path: string): Extractor[] {
  return EXTRACTORS.filter((extractor) => extractor.matches(path));
}
