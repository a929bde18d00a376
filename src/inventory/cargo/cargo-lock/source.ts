/** Where Cargo gets a crate, from the `source` field of a Cargo.lock package. */
export type CrateSource =
  /** No `source`: a workspace member or a path dependency, i.e. part of the project. */
  | { kind: 'local' }
  | { kind: 'registry'; url: string; cratesIo: boolean }
  | { kind: 'git'; url: string; ref: string }
  | { kind: 'unknown'; raw: string };

const CRATES_IO = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io/',
]);

/**
 * Decodes a source id as Cargo writes it (cargo `SourceId::as_encoded_url`): `registry+URL`,
 * `sparse+URL`, `git+URL?branch=x#commit` (query values percent-encoded since lockfile v4).
 */
export function parseCrateSource(raw: string | undefined): CrateSource {
  if (raw === undefined) return { kind: 'local' };
  if (raw.startsWith('registry+') || raw.startsWith('sparse+')) {
    return { kind: 'registry', url: raw.slice(raw.indexOf('+') + 1), cratesIo: CRATES_IO.has(raw) };
  }
  if (raw.startsWith('git+')) {
    const hash = raw.indexOf('#');
    const withQuery = hash < 0 ? raw.slice(4) : raw.slice(4, hash);
    const query = withQuery.indexOf('?');
    const url = query < 0 ? withQuery : withQuery.slice(0, query);
    // The fragment is the commit Cargo resolved; the query only says what was asked for.
    const ref = hash < 0 ? requestedRef(query < 0 ? '' : withQuery.slice(query + 1)) : raw.slice(hash + 1);
    return { kind: 'git', url, ref };
  }
  return { kind: 'unknown', raw };
}

function requestedRef(query: string): string {
  const params = new URLSearchParams(query);
  return params.get('rev') ?? params.get('tag') ?? params.get('branch') ?? '';
}
