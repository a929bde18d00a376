// Test helpers for the PyPI extractors (not part of the published build).
import type { ExtractResult } from '../extractor.ts';

/** One line per component, `name@version scope direct|indirect path:line source`, sorted, for exact comparisons. */
export function rows(result: ExtractResult): string[] {
  return result.components
    .map((c) => {
      const where = `${c.location.path}:${c.location.line}`;
      return `${c.name}@${c.version ?? ''} ${c.scope} ${c.direct ? 'direct' : 'indirect'} ${where} ${c.source.type}`;
    })
    .sort();
}

/** `from -> to` for every edge, by name@version, sorted. */
export function edges(result: ExtractResult): string[] {
  const label = new Map(result.components.map((c) => [c.purl, `${c.name}@${c.version ?? ''}`]));
  return result.components
    .flatMap((c) => c.dependencies.map((d) => `${label.get(c.purl)} -> ${label.get(d)}`))
    .sort();
}
