import { excerpt } from '../excerpt.ts';

/** The raw (not yet interpolated) value of a property, or undefined when nothing defines it. */
export type PropertySource = (name: string) => string | undefined;

export type Interpolated = { value: string } | { problem: string };

/** Beyond this a value is hostile (`a=${b}${b}`, `b=${c}${c}`, …), not a version. */
const MAX_LENGTH = 4096;
const REFERENCE = /\$\{([^}]*)\}/g;

/**
 * Maven's `${…}` interpolation over one effective model: property values may refer to other
 * properties; each property is resolved once (memoized), cycles and runaway growth are reported.
 */
export class Interpolator {
  private readonly source: PropertySource;
  private readonly resolved = new Map<string, Interpolated>();
  private readonly active = new Set<string>();

  constructor(source: PropertySource) {
    this.source = source;
  }

  interpolate(text: string): Interpolated {
    if (!text.includes('${')) return { value: text };
    let problem: string | undefined;
    const value = text.replace(REFERENCE, (whole, name: string) => {
      if (problem !== undefined) return whole;
      const property = this.property(name.trim());
      if ('problem' in property) problem = property.problem;
      return 'value' in property ? property.value : whole;
    });
    if (problem !== undefined) return { problem };
    if (value.length > MAX_LENGTH)
      return { problem: `\`${excerpt(text, 80)}\` expands past ${MAX_LENGTH} characters` };
    return { value };
  }

  private property(name: string): Interpolated {
    const known = this.resolved.get(name);
    if (known) return known;
    if (this.active.has(name)) return { problem: `property \${${excerpt(name, 80)}} refers to itself` };
    const raw = this.source(name);
    if (raw === undefined) return { problem: `property \${${excerpt(name, 80)}} is not defined` };
    this.active.add(name);
    const result = this.interpolate(raw);
    this.active.delete(name);
    this.resolved.set(name, result);
    return result;
  }
}
