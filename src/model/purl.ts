import { PackageURL } from 'packageurl-js';
import { type Ecosystem, PURL_TYPE } from './ecosystem.ts';

/**
 * Builds the purl of a package. Namespaces follow the purl spec per type: npm scopes, Maven
 * groupIds, Go module paths and Composer vendors are the namespace, the last segment the name.
 */
export function makePurl(
  ecosystem: Ecosystem,
  name: string,
  version?: string,
  qualifiers?: Record<string, string>,
): string {
  const type = PURL_TYPE[ecosystem];
  const [namespace, shortName] = splitName(ecosystem, name);
  const purlName = type === 'pypi' ? normalizePypiName(shortName) : shortName;
  return new PackageURL(type, namespace, purlName, version, qualifiers, undefined).toString();
}

function splitName(ecosystem: Ecosystem, name: string): [string | undefined, string] {
  switch (ecosystem) {
    case 'Maven': {
      const i = name.indexOf(':');
      return i < 0 ? [undefined, name] : [name.slice(0, i), name.slice(i + 1)];
    }
    case 'npm':
    case 'Go':
    case 'Packagist': {
      const i = name.lastIndexOf('/');
      return i < 0 ? [undefined, name] : [name.slice(0, i), name.slice(i + 1)];
    }
    default:
      return [undefined, name];
  }
}

/** PEP 503 normalization, which the purl spec requires for pypi names. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function parsePurl(purl: string): PackageURL {
  return PackageURL.fromString(purl);
}
