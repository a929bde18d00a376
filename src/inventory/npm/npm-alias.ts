/**
 * An `npm:` alias spec as package.json, package-lock v1, yarn and bun write it:
 * `npm:lodash@4.17.20` installs the registry package `lodash` under another name.
 */
export interface NpmAlias {
  /** The real package name, e.g. `lodash` or `@scope/pkg`. */
  name: string;
  /** What follows the name: a version, a range, or '' when the alias names no version. */
  spec: string;
}

/** Parses `npm:<name>[@<spec>]`; undefined for anything else. */
export function parseNpmAlias(value: string): NpmAlias | undefined {
  if (!value.startsWith('npm:')) return undefined;
  const rest = value.slice(4);
  // A scoped name starts with '@', so the separator is the first '@' after position 0.
  const at = rest.indexOf('@', 1);
  const name = at < 0 ? rest : rest.slice(0, at);
  if (name === '' || name === '@') return undefined;
  return { name, spec: at < 0 ? '' : rest.slice(at + 1) };
}
