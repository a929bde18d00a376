import type { ComponentSource } from '../../../model/index.ts';

/** Where a lockfile entry comes from, plus the purl qualifiers that keep non-registry copies apart. */
export interface EntrySource {
  source: ComponentSource;
  qualifiers?: Record<string, string>;
}

const REGISTRY: EntrySource = { source: { type: 'registry' } };
const GIT_PREFIXES = ['git+', 'git://', 'github:', 'gitlab:', 'bitbucket:', 'gist:'];
// npm 5/6 wrote GitHub dependencies in v1 lockfiles as `user/repo#sha`.
const GITHUB_SHORTHAND = /^[A-Za-z0-9][\w.-]*\/[\w.-]+(#.*)?$/;
const TARBALL = /\.(tgz|tar\.gz|tar)$/i;

function hasGitPrefix(spec: string): boolean {
  return GIT_PREFIXES.some((prefix) => spec.startsWith(prefix));
}

function isUrl(spec: string): boolean {
  return spec.startsWith('https://') || spec.startsWith('http://');
}

/**
 * `url#ref`, with host shorthands spelled out as URLs and the purl `vcs_url` (`git+<url>@<ref>`).
 * A `semver:` range is not a ref. Same conventions as the yarn and bun extractors' git sources.
 */
function gitSource(spec: string): EntrySource {
  const hash = spec.indexOf('#');
  const url = normalizeGitUrl(hash < 0 ? spec : spec.slice(0, hash));
  const ref = hash < 0 || spec.startsWith('semver:', hash + 1) ? '' : spec.slice(hash + 1);
  const vcsUrl = url.startsWith('git+') ? url : `git+${url}`;
  if (ref === '') return { source: { type: 'git', url }, qualifiers: { vcs_url: vcsUrl } };
  return { source: { type: 'git', url, ref }, qualifiers: { vcs_url: `${vcsUrl}@${ref}` } };
}

const GIT_HOSTS: Record<string, string> = {
  github: 'github.com',
  gitlab: 'gitlab.com',
  bitbucket: 'bitbucket.org',
};

function normalizeGitUrl(url: string): string {
  const shorthand = /^(github|gitlab|bitbucket):([^/]+\/[^/]+?)(\.git)?$/.exec(url);
  if (shorthand) return `https://${GIT_HOSTS[shorthand[1] ?? '']}/${shorthand[2]}.git`;
  if (GITHUB_SHORTHAND.test(url)) return `https://github.com/${url.replace(/\.git$/, '')}.git`;
  return url;
}

function urlSource(url: string): EntrySource {
  return { source: { type: 'url', url }, qualifiers: { download_url: url } };
}

/**
 * A tarball URL laid out the way npm registries serve packages (ending in
 * `/-/<name>-<version>.tgz`, also behind Artifactory, Nexus or Verdaccio paths) is a registry
 * package; any other URL is a remote tarball dependency, which the lockfile does not otherwise mark.
 */
function isRegistryTarball(url: string, name: string, version: string | undefined): boolean {
  if (version === undefined) return false;
  const query = url.indexOf('?');
  const fragment = url.indexOf('#');
  const end =
    query < 0 ? (fragment < 0 ? url.length : fragment) : fragment < 0 ? query : Math.min(query, fragment);
  // Compared in place: this runs once per entry of lockfiles with tens of thousands of them.
  const unscoped = name.lastIndexOf('/') + 1;
  const fileStart = end - (name.length - unscoped) - version.length - 5; // `<name>-<version>.tgz`
  return (
    url.startsWith('/-/', fileStart - 3) &&
    url.startsWith(unscoped === 0 ? name : name.slice(unscoped), fileStart) &&
    url.charCodeAt(end - version.length - 5) === 0x2d && // '-'
    url.startsWith(version, end - version.length - 4) &&
    url.startsWith('.tgz', end - 4)
  );
}

/** Source of a v2/v3 `packages` entry from its `resolved` field. */
export function sourceOfResolved(
  resolved: string | undefined,
  name: string,
  version: string | undefined,
): EntrySource {
  if (resolved === undefined || resolved === '') return REGISTRY;
  if (isUrl(resolved)) return isRegistryTarball(resolved, name, version) ? REGISTRY : urlSource(resolved);
  if (hasGitPrefix(resolved)) return gitSource(resolved);
  if (resolved.startsWith('file:')) return { source: { type: 'path', path: resolved.slice(5), link: false } };
  return { source: { type: 'path', path: resolved, link: false } };
}

/**
 * Source of a v1 `dependencies` entry whose `version` is a spec rather than a version: npm wrote
 * the git URL, the `file:` path or the tarball URL there, and the package's own version is unknown.
 */
export function sourceOfV1Spec(spec: string): EntrySource | undefined {
  if (isUrl(spec)) return urlSource(spec);
  if (spec.startsWith('file:')) {
    const path = spec.slice(5);
    return { source: { type: 'path', path, link: !TARBALL.test(path) } };
  }
  if (hasGitPrefix(spec) || GITHUB_SHORTHAND.test(spec)) return gitSource(spec);
  return undefined;
}

export function pathLink(path: string): EntrySource {
  return { source: { type: 'path', path, link: true } };
}
