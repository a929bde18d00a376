import type { YarnObject, YarnValue } from './parse.ts';

// parse.ts is the edge for yarn.lock: it checks the syntax and yields nested maps whose values are
// strings or maps. These readers type the fields an extractor uses; a field of another shape reads
// as absent (lenient, like the zod schemas of JSON formats). Not zod: per-entry zod parsing of a
// 10k-entry lockfile took as long as parsing the file.

function text(value: YarnValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function map(value: YarnValue | undefined): YarnObject | undefined {
  return typeof value === 'object' ? value : undefined;
}

/** A name -> range map; entries whose value is not a string are dropped. */
function ranges(value: YarnValue | undefined): Record<string, string> | undefined {
  const object = map(value);
  if (!object) return undefined;
  for (const key in object) {
    if (typeof object[key] !== 'string') {
      return Object.fromEntries(
        Object.entries(object).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
    }
  }
  return object as Record<string, string>;
}

export interface ClassicEntry {
  version: string | undefined;
  resolved: string | undefined;
  dependencies: Record<string, string> | undefined;
  optionalDependencies: Record<string, string> | undefined;
}

/** An entry of a yarn v1 lockfile. */
export function classicEntry(fields: YarnObject): ClassicEntry {
  return {
    version: text(fields.version),
    resolved: text(fields.resolved),
    dependencies: ranges(fields.dependencies),
    optionalDependencies: ranges(fields.optionalDependencies),
  };
}

export interface BerryEntry {
  version: string | undefined;
  resolution: string | undefined;
  dependencies: Record<string, string> | undefined;
  /** Names (or `name@range` keys) that dependenciesMeta marks `optional: true`. */
  optional: readonly string[];
}

const NONE: readonly string[] = [];

/** An entry of a yarn 2+ lockfile. */
export function berryEntry(fields: YarnObject): BerryEntry {
  const meta = map(fields.dependenciesMeta);
  const optional = meta ? Object.keys(meta).filter((key) => text(map(meta[key])?.optional) === 'true') : NONE;
  return {
    version: text(fields.version),
    resolution: text(fields.resolution),
    dependencies: ranges(fields.dependencies),
    optional,
  };
}
