import type { YamlDocument, YamlPath } from '../yaml.ts';

/**
 * A document built from another one (a ValidatingAdmissionPolicy made from a Gatekeeper template
 * or a Kyverno rule) that reports lines in the file the user wrote: `origin` maps a path of the
 * built value to the path it came from, or undefined for what has no source of its own (the
 * built document's line is then that of `fallback`).
 */
export function derivedDocument(
  source: YamlDocument,
  value: unknown,
  origin: (path: YamlPath) => YamlPath | undefined,
  fallback: YamlPath,
): YamlDocument {
  const mapped = (path: YamlPath): YamlPath => origin(path) ?? fallback;
  return {
    path: source.path,
    index: source.index,
    value,
    line: source.lineOf(fallback),
    lineOf: (path) => source.lineOf(mapped(path)),
    lineWithin: (path, lineInScalar) => {
      const from = origin(path);
      return from ? source.lineWithin(from, lineInScalar) : source.lineOf(fallback);
    },
  };
}

/**
 * An origin mapping for lists copied from the source: `spec.<field>.<i>…` of the built document
 * came from `<base>.<i - offset>…`, for each field named in `fields`.
 */
export function listOrigin(
  fields: Readonly<Record<string, { base: YamlPath; offset?: number }>>,
): (path: YamlPath) => YamlPath | undefined {
  return (path) => {
    if (path[0] !== 'spec' || typeof path[1] !== 'string') return undefined;
    const field = fields[path[1]];
    if (!field) return undefined;
    if (path.length === 2) return field.base;
    const index = path[2];
    if (typeof index !== 'number') return undefined;
    const at = index - (field.offset ?? 0);
    return at < 0 ? undefined : [...field.base, at, ...path.slice(3)];
  };
}
