import type { DockerImageRef } from './dockerfile-shape.ts';

/**
 * Splits an image reference (`[registry/]repository[:tag][@digest]`, the grammar of
 * distribution/reference) into its parts and says how it is pinned. A reference still holding
 * a `$` variable is `variable`: its real value is only known at build time.
 */
export function parseImageRef(image: string): DockerImageRef {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : null;
  const named = at >= 0 ? image.slice(0, at) : image;
  const colon = named.lastIndexOf(':');
  const tag = colon > named.lastIndexOf('/') ? named.slice(colon + 1) : null;
  const name = tag === null ? named : named.slice(0, colon);
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const pin = image.includes('$')
    ? 'variable'
    : digest !== null && digest !== ''
      ? 'digest'
      : tag === 'latest'
        ? 'latest'
        : tag === null || tag === ''
          ? 'untagged'
          : 'tag';
  return {
    image,
    registry: hasRegistry ? first : null,
    repository: hasRegistry ? name.slice(slash + 1) : name,
    tag: tag === '' ? null : tag,
    digest: digest === '' ? null : digest,
    pin,
  };
}
