import { type ComponentSource, normalizePypiName } from '../../model/index.ts';

/** Where a Python package comes from when not from an index, with the purl qualifiers that say so. */
export interface SourceInfo {
  source: ComponentSource;
  qualifiers?: Record<string, string>;
}

/** A fresh object each time: components must not share a mutable source. */
export function registrySource(): SourceInfo {
  return { source: { type: 'registry' } };
}

export function gitSource(rawUrl: string, ref?: string): SourceInfo {
  const url = withoutCredentials(rawUrl);
  const source: ComponentSource = ref ? { type: 'git', url, ref } : { type: 'git', url };
  return { source, qualifiers: { vcs_url: `git+${url}${ref ? `@${ref}` : ''}` } };
}

export function urlSource(rawUrl: string): SourceInfo {
  const url = withoutCredentials(rawUrl);
  return { source: { type: 'url', url }, qualifiers: { download_url: url } };
}

const USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^@/?#]*)@/;
const ENV_USERINFO = /^\$\{[A-Za-z0-9_-]+\}(:\$\{[A-Za-z0-9_-]+\})?$/;

/**
 * Removes credentials from a URL before it reaches any output (`https://user:token@host`, or a token
 * as the user name). Kept, as PEP 610 allows: `${VAR}` placeholders and a bare ssh user (`git@`).
 */
export function withoutCredentials(url: string): string {
  const match = USERINFO.exec(url);
  if (!match) return url;
  const [whole, scheme = '', userinfo = ''] = match;
  const sshUser = /ssh:\/\/$/i.test(scheme) && !userinfo.includes(':');
  if (sshUser || ENV_USERINFO.test(userinfo)) return url;
  return scheme + url.slice(whole.length);
}

export function pathSource(path: string, editable: boolean): SourceInfo {
  return { source: { type: 'path', path, link: editable } };
}

/**
 * pip's VCS URL form, `git+https://host/repo.git@ref#egg=name&subdirectory=x`: the ref follows the
 * last "@" of the path (an "@" in the authority is the user). Other VCS (hg, svn, bzr) are recorded as URLs.
 */
export function vcsSource(text: string): SourceInfo {
  const withoutFragment = text.split('#')[0] ?? text;
  const plus = withoutFragment.indexOf('+');
  const vcs = withoutFragment.slice(0, plus).toLowerCase();
  if (vcs !== 'git') return urlSource(withoutFragment);
  const url = withoutFragment.slice(plus + 1);
  const pathStart = url.indexOf('/', url.indexOf('://') + 3);
  const at = url.lastIndexOf('@');
  if (pathStart >= 0 && at > pathStart) return gitSource(url.slice(0, at), url.slice(at + 1) || undefined);
  return gitSource(url);
}

/** True for `git+https://…`, `hg+ssh://…` and the like. */
export function isVcsUrl(text: string): boolean {
  return /^(git|hg|svn|bzr)\+[a-z][a-z0-9+.-]*:/i.test(text);
}

/** `#egg=name` or `#egg=name[extras]` in a pip URL, the only place a bare URL names its package. */
export function eggName(url: string): string | undefined {
  const hash = url.indexOf('#');
  if (hash < 0) return undefined;
  for (const pair of url.slice(hash + 1).split('&')) {
    if (pair.startsWith('egg=')) return pair.slice(4).replace(/\[.*$/, '') || undefined;
  }
  return undefined;
}

/**
 * Name and version from a distribution file name: wheels are `name-version(-build)?-py-abi-platform.whl`
 * (names escaped with "_"), source archives `name-version.tar.gz` by convention.
 */
export function artifactNameVersion(location: string): { name: string; version: string } | undefined {
  const file = (location.split(/[?#]/)[0] ?? '').split('/').pop() ?? '';
  if (file.endsWith('.whl')) {
    const parts = file.slice(0, -4).split('-');
    if (parts.length >= 5 && parts[0] && parts[1]) return { name: parts[0], version: parts[1] };
    return undefined;
  }
  const match = /^(.+?)-(\d[A-Za-z0-9_.!+]*)\.(?:tar\.gz|tar\.bz2|tar\.xz|tgz|zip)$/.exec(file);
  return match?.[1] && match[2] ? { name: match[1], version: match[2] } : undefined;
}

/** The version in the file name of a wheel or sdist, when that file is the named package's (not a renamed one). */
export function artifactVersion(name: string, location: string): string | undefined {
  const artifact = artifactNameVersion(location);
  return artifact && normalizePypiName(artifact.name) === normalizePypiName(name)
    ? artifact.version
    : undefined;
}

/** uv writes git sources as `https://host/repo?tag=v1#<commit>`: the fragment is the locked commit. */
export function uvGitSource(text: string): SourceInfo {
  const hash = text.indexOf('#');
  const commit = hash >= 0 ? text.slice(hash + 1) : undefined;
  const beforeHash = hash >= 0 ? text.slice(0, hash) : text;
  const query = beforeHash.indexOf('?');
  const url = query >= 0 ? beforeHash.slice(0, query) : beforeHash;
  const requested = query >= 0 ? new URLSearchParams(beforeHash.slice(query + 1)) : undefined;
  const ref =
    commit || requested?.get('rev') || requested?.get('tag') || requested?.get('branch') || undefined;
  return gitSource(url, ref);
}
