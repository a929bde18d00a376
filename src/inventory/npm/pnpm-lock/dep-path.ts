/**
 * pnpm's "dependency paths": the keys of `packages`/`snapshots` and the references that point at
 * them, in the three shapes the lockfile formats use:
 *   5.x  `/name/1.2.3_peer@1.0.0`     reference `1.2.3_peer@1.0.0`, alias `/real/1.2.3`
 *   6.x  `/name@1.2.3(peer@1.0.0)`    reference `1.2.3(peer@1.0.0)`, alias `/real@1.2.3`
 *   9.x  `name@1.2.3(peer@1.0.0)`     reference `1.2.3(peer@1.0.0)`, alias `real@1.2.3`
 * Non-registry packages have other keys (`github.com/o/r/sha`, `file:dir`, `name@https://…`).
 */

export type LockFormat = 5 | 6 | 9;

export interface KeyIdentity {
  name: string;
  /** The registry version, without peer suffix; undefined when the key is not a registry path. */
  version: string | undefined;
}

// Registry versions are semver; their peer suffix starts at `(` (6.x, 9.x) or `_` (5.x), which semver never contains.
const REGISTRY_VERSION = /^\d+\.\d+\.\d+[^_(:/]*/;

/**
 * The key a dependency named `name` resolved to `reference` points at, or undefined for `link:`
 * (a workspace package or a linked directory: not a third-party component). Mirrors pnpm's
 * `refToRelative` for each format.
 */
export function referenceKey(format: LockFormat, name: string, reference: string): string | undefined {
  if (reference.startsWith('link:')) return undefined;
  if (format === 9) return referenceKeyV9(name, reference);
  if (reference.startsWith('/') || reference.startsWith('file:')) return reference;
  if (format === 5) return reference.includes('/') ? reference : `/${name}/${reference}`;
  // 6.x: a scoped peer in the suffix has a slash, `1.0.0(@types/react@18.0.0)`, and is still a version.
  const paren = reference.indexOf('(');
  const head = paren < 0 ? reference : reference.slice(0, paren);
  return head.includes('/') ? reference : `/${name}@${reference}`;
}

function referenceKeyV9(name: string, reference: string): string {
  if (reference.startsWith('@')) return reference;
  const at = reference.indexOf('@');
  if (at < 0) return `${name}@${reference}`;
  const colon = reference.indexOf(':');
  const paren = reference.indexOf('(');
  // `real@1.2.3` (an alias) names its package; in `1.2.3(peer@1)` or `git+ssh://git@host/…` the `@` is inside.
  const aliased = (colon < 0 || at < colon) && (paren < 0 || at < paren);
  return aliased ? reference : `${name}@${reference}`;
}

/** The key of a 9.x `packages` entry for a `snapshots` key: the snapshot without its peer and patch suffix. */
export function packageKeyOfSnapshot(snapshotKey: string): string {
  const paren = snapshotKey.indexOf('(', 1);
  return paren < 0 ? snapshotKey : snapshotKey.slice(0, paren);
}

/** Name and registry version read from a key; undefined when the key does not name a package. */
export function identifyKey(format: LockFormat, key: string): KeyIdentity | undefined {
  // 9.x keys always start with the name; the rest may be a URL or a path.
  if (format === 9) return splitAt(key, '@');
  // 5.x and 6.x keys name a package only as registry paths: `/name/1.2.3`, or with another registry's
  // host in front. Anything else (`github.com/o/r/sha`, pnpm 7's `/tmp/repo/sha` for `git+file:///`)
  // takes its name from the entry's `name` field or from the dependency that points at it.
  const separator = format === 5 ? '/' : '@';
  const slash = key.indexOf('/');
  if (slash < 0 || key.startsWith('file:')) return undefined;
  const identity = splitAt(key.slice(slash + 1), separator);
  return identity?.version === undefined ? undefined : identity;
}

/** `name<sep>version…` where the name may be scoped (`@scope/name`). */
function splitAt(path: string, separator: '/' | '@'): KeyIdentity | undefined {
  const nameEnd =
    separator === '@'
      ? path.indexOf('@', 1)
      : path.startsWith('@')
        ? path.indexOf('/', path.indexOf('/') + 1)
        : path.indexOf('/');
  if (nameEnd <= 0) return undefined;
  const name = path.slice(0, nameEnd);
  if (name.startsWith('@') && !/^@[^/]+\/[^/]+$/.test(name)) return undefined;
  if (!name.startsWith('@') && name.includes('/')) return undefined;
  const version = REGISTRY_VERSION.exec(path.slice(nameEnd + 1))?.[0];
  return { name, version };
}
