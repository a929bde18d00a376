import type { ComponentSource } from '../../../model/index.ts';
import type { Resolution } from './schema.ts';

// The archive URLs pnpm records for hosted git repositories (its `hosted-git-info` tarball form).
const HOSTED_ARCHIVES: readonly [RegExp, (m: RegExpExecArray) => ComponentSource][] = [
  [
    /^https:\/\/codeload\.github\.com\/([^/]+)\/([^/]+)\/tar\.gz\/([^/?#]+)$/,
    (m) => ({ type: 'git', url: `https://github.com/${m[1]}/${m[2]}`, ref: m[3] ?? '' }),
  ],
  [
    /^https:\/\/bitbucket\.org\/([^/]+)\/([^/]+)\/get\/([^/?#]+)\.tar\.gz$/,
    (m) => ({ type: 'git', url: `https://bitbucket.org/${m[1]}/${m[2]}`, ref: m[3] ?? '' }),
  ],
  [
    /^https:\/\/gitlab\.com\/api\/v4\/projects\/([^/]+)%2F([^/]+)\/repository\/archive\.tar\.gz\?sha=([^&#]+)$/,
    (m) => ({ type: 'git', url: `https://gitlab.com/${m[1]}/${m[2]}`, ref: m[3] ?? '' }),
  ],
];

/**
 * Where pnpm gets a package, from its `resolution`. `registryKey` says the entry's key is a registry
 * path: a tarball URL there is a registry's own (a custom registry), not a URL dependency.
 */
export function sourceOf(resolution: Resolution | undefined, registryKey: boolean): ComponentSource {
  if (!resolution) return { type: 'registry' };
  if (resolution.type === 'git' && resolution.repo) {
    return resolution.commit
      ? { type: 'git', url: resolution.repo, ref: resolution.commit }
      : { type: 'git', url: resolution.repo };
  }
  if (resolution.directory !== undefined) return { type: 'path', path: resolution.directory, link: false };
  const tarball = resolution.tarball;
  if (tarball === undefined) return { type: 'registry' };
  if (tarball.startsWith('file:')) return { type: 'path', path: tarball.slice('file:'.length), link: false };
  for (const [pattern, toSource] of HOSTED_ARCHIVES) {
    const match = pattern.exec(tarball);
    if (match) return toSource(match);
  }
  if (resolution.gitHosted === true) return { type: 'git', url: tarball };
  return registryKey ? { type: 'registry' } : { type: 'url', url: tarball };
}

/** purl qualifiers that keep a git or URL package apart from the registry package of the same name and version. */
export function sourceQualifiers(source: ComponentSource): Record<string, string> | undefined {
  if (source.type === 'git') {
    const url = source.url.startsWith('git+') ? source.url : `git+${source.url}`;
    return { vcs_url: source.ref ? `${url}@${source.ref}` : url };
  }
  if (source.type === 'url') return { download_url: source.url };
  return undefined;
}
