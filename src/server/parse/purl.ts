import { hash } from 'node:crypto';
import { type ComponentSource, type Ecosystem, PURL_TYPE, parsePurl } from '../../model/index.ts';

const ECOSYSTEM_OF_TYPE = new Map<string, Ecosystem>(
  Object.entries(PURL_TYPE).map(([ecosystem, type]) => [type, ecosystem as Ecosystem]),
);

export interface PackageIdentity {
  ecosystem: Ecosystem;
  name: string;
  version?: string;
  /** From the purl's vcs_url / download_url qualifiers (how palisade writes non-registry packages). */
  source: ComponentSource;
}

/**
 * Ecosystem, name and version of a purl, with names spelled as the inventory spells them (npm
 * `@scope/name`, Maven `group:artifact`, Go and Composer paths). `written` is the name the SBOM
 * gives where it has one (CycloneDX group + name, SPDX name): it keeps the case and separators
 * the purl normalizes away (PyPI), so fingerprints agree with a scan of the same project.
 * undefined for purls of types no ecosystem has, or that do not parse.
 */
export function identityOf(
  purl: string,
  written?: { group?: string | undefined; name: string },
): PackageIdentity | undefined {
  let parsed: ReturnType<typeof parsePurl>;
  try {
    parsed = parsePurl(purl);
  } catch {
    return undefined;
  }
  const ecosystem = ECOSYSTEM_OF_TYPE.get(parsed.type);
  if (!ecosystem) return undefined;
  const namespace = parsed.namespace ?? undefined;
  const fromPurl =
    namespace === undefined || ecosystem === 'Debian' || ecosystem === 'Alpine'
      ? parsed.name
      : ecosystem === 'Maven'
        ? `${namespace}:${parsed.name}`
        : `${namespace}/${parsed.name}`;
  const spelled = !written
    ? undefined
    : written.group
      ? `${written.group}${ecosystem === 'Maven' ? ':' : '/'}${written.name}`
      : written.name;
  const name = spelled && sameName(ecosystem, spelled, fromPurl) ? spelled : fromPurl;
  const identity: PackageIdentity = { ecosystem, name, source: sourceOf(parsed.qualifiers ?? undefined) };
  if (parsed.version) identity.version = parsed.version;
  return identity;
}

function sourceOf(qualifiers: Record<string, string> | undefined): ComponentSource {
  const vcs = qualifiers?.vcs_url;
  if (vcs) {
    const hash = vcs.indexOf('#');
    return hash < 0
      ? { type: 'git', url: vcs }
      : { type: 'git', url: vcs.slice(0, hash), ref: vcs.slice(hash + 1) };
  }
  if (qualifiers?.download_url) return { type: 'url', url: qualifiers.download_url };
  return { type: 'registry' };
}

function sameName(ecosystem: Ecosystem, a: string, b: string): boolean {
  const fold = (s: string) =>
    ecosystem === 'PyPI' ? s.toLowerCase().replace(/[-_.]+/g, '-') : s.toLowerCase();
  return fold(a) === fold(b);
}

/**
 * The fingerprint matching gives a vulnerability on a component (src/advisories/match.ts), so a
 * finding read from an SBOM's vulnerabilities and the same finding matched by the server are one.
 */
export function vulnerabilityFingerprint(
  ecosystem: string,
  name: string,
  advisoryId: string,
  path: string,
): string {
  return hash('sha256', ['vulnerability', ecosystem, name, advisoryId, path].join('\u0000'), 'hex').slice(
    0,
    16,
  );
}
