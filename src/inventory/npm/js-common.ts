// Shared by the yarn.lock, bun.lock and deno.lock extractors: npm specifiers and dependency
// references (registry, git, URL, path), and a guard for the JSON parsers.
import { type ComponentSource, PalisadeError } from '../../model/index.ts';

/** Splits `name@range` where the name may be scoped (`@types/node@^20`); range is '' when absent. */
export function splitNameRange(spec: string): { name: string; range: string } {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at <= 0 ? { name: spec, range: '' } : { name: spec.slice(0, at), range: spec.slice(at + 1) };
}

const GIT_HOST_SHORTHAND = /^(github|gitlab|bitbucket|gist):/;
// `owner/repo` or `owner/repo#ref`: npm and yarn read a bare slash-separated pair as a GitHub repository.
const GITHUB_SHORTHAND = /^[\w-][\w.-]*\/[\w.-]+(#.*)?$/;

/**
 * The source of a dependency reference (`file:../x`, `git+https://…#sha`, `https://…/x.tgz`) or
 * undefined for a registry reference (a version, a range, `npm:…`). Yarn, bun and npm share these forms.
 */
export function sourceOfReference(reference: string): ComponentSource | undefined {
  if (reference.startsWith('file:'))
    return { type: 'path', path: stripParams(reference.slice(5)), link: false };
  if (reference.startsWith('link:') || reference.startsWith('portal:')) {
    return { type: 'path', path: stripParams(reference.slice(reference.indexOf(':') + 1)), link: true };
  }
  if (isGitReference(reference)) return gitSource(reference);
  if (/^https?:\/\//.test(reference)) return { type: 'url', url: reference };
  return undefined;
}

function isGitReference(reference: string): boolean {
  return (
    /^git(\+[a-z]+)?:/.test(reference) ||
    reference.startsWith('git@') ||
    GIT_HOST_SHORTHAND.test(reference) ||
    GITHUB_SHORTHAND.test(reference) ||
    /^https?:\/\/[^#]+\.git(#|$)/.test(reference) ||
    /^https?:\/\/[^#]+#commit=/.test(reference)
  );
}

/** `url#ref`, where yarn berry writes the ref as `commit=<sha>` (possibly among other `&` params). */
export function gitSource(reference: string): ComponentSource {
  const hash = reference.indexOf('#');
  const url = normalizeGitUrl(hash < 0 ? reference : reference.slice(0, hash));
  if (hash < 0) return { type: 'git', url };
  const fragment = reference.slice(hash + 1);
  const commit = /(?:^|&)commit=([^&]+)/.exec(fragment)?.[1];
  const ref = commit ?? (fragment.includes('=') || fragment.startsWith('semver:') ? undefined : fragment);
  return ref ? { type: 'git', url, ref } : { type: 'git', url };
}

const GIT_HOSTS: Record<string, string> = {
  github: 'github.com',
  gitlab: 'gitlab.com',
  bitbucket: 'bitbucket.org',
};

/** Spells out host shorthands (`github:o/r`, `o/r`) and scp-style `git@host:o/r` as URLs. */
function normalizeGitUrl(url: string): string {
  const shorthand = /^(github|gitlab|bitbucket):([^/]+\/[^/]+?)(\.git)?$/.exec(url);
  if (shorthand) return `https://${GIT_HOSTS[shorthand[1] ?? ''] ?? ''}/${shorthand[2]}.git`;
  if (GITHUB_SHORTHAND.test(url)) return `https://github.com/${url.replace(/\.git$/, '')}.git`;
  const scp = /^([\w.-]+@[\w.-]+):(?!\/\/)(.+)$/.exec(url);
  if (scp) return `ssh://${scp[1]}/${scp[2]}`;
  return url;
}

/** Drops yarn berry's binding params (`::locator=…`) and fragments from a path reference. */
export function stripParams(path: string): string {
  return path.replace(/::.*$/, '').replace(/#.*$/, '');
}

/** purl qualifiers that keep a git or URL dependency apart from the registry package of the same name. */
export function sourceQualifiers(source: ComponentSource | undefined): Record<string, string> | undefined {
  if (source?.type === 'git') {
    const url = source.url.startsWith('git+') ? source.url : `git+${source.url}`;
    return { vcs_url: source.ref ? `${url}@${source.ref}` : url };
  }
  if (source?.type === 'url') return { download_url: source.url };
  return undefined;
}

const MAX_NESTING = 64;

/**
 * Rejects JSON (or YAML flow collections) nested deeper than any lockfile is — bun.lock and
 * deno.lock stop at five levels — before a recursive parser meets it and overflows the stack.
 */
export function assertShallowNesting(path: string, text: string): void {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > MAX_NESTING) {
        throw new PalisadeError(
          'input',
          `${path}:${line}: nested deeper than ${MAX_NESTING} levels, which no lockfile is; fix or regenerate the file`,
        );
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    } else if (c === 10) {
      line++;
    }
  }
}
