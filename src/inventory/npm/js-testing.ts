// Test helpers for the yarn.lock, bun.lock and deno.lock extractors (not part of the published build).
import type { Component } from '../../model/index.ts';
import type { ExtractResult } from '../extractor.ts';

function label(component: Component): string {
  return `${component.name}@${component.version ?? ''}`;
}

/**
 * One string per component — `name@version scope [direct] L<line> [source type]` — so one
 * assertion covers the name@version set, scopes, direct flags, lines and non-registry sources.
 */
export function rows(result: ExtractResult): string[] {
  return result.components
    .map((c) => {
      const direct = c.direct ? ' direct' : '';
      const source = c.source.type === 'registry' ? '' : ` ${c.source.type}`;
      return `${label(c)} ${c.scope}${direct} L${c.location.line}${source}`;
    })
    .sort();
}

/** Every dependency edge as `from@version -> to@version`, sorted. */
export function edges(result: ExtractResult): string[] {
  const byPurl = new Map(result.components.map((c) => [c.purl, c]));
  return result.components
    .flatMap((c) => c.dependencies.map((d) => `${label(c)} -> ${label(byPurl.get(d) ?? c)}`))
    .sort();
}

/** The component with this name and version (undefined version: the versionless one). */
export function component(result: ExtractResult, name: string, version?: string): Component {
  const found = result.components.find((c) => c.name === name && c.version === version);
  if (!found) throw new Error(`no component ${name}@${version ?? ''}`);
  return found;
}
