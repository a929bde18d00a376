// SPDX 2.3 JSON, written by hand: there is no well-kept TypeScript library for SPDX 2.3 JSON
// (the maintained SPDX tooling is Python, Java and Go), and the document is plain data. The
// tests validate it against the official 2.3 JSON schema.
import type { ComponentSource, ScanResult, Scope } from '../model/index.ts';
import {
  buildSbomGraph,
  combinedLicenseExpression,
  compareStrings,
  formatLocation,
  gitRemoteUrl,
  graphDigest,
  licenseRefs,
  type SbomPackage,
} from './sbom-graph.ts';
import { documentUuid, type SbomOptions, sbomTimestamp } from './sbom-meta.ts';

export const SPDX_NAMESPACE_BASE = 'https://palisade.dev/spdxdocs/';
const DOCUMENT_ID = 'SPDXRef-DOCUMENT';
const ROOT_ID = 'SPDXRef-RootPackage';
const NOASSERTION = 'NOASSERTION';

type RelationshipType = 'DESCRIBES' | 'DEPENDS_ON' | 'DEV_DEPENDENCY_OF' | 'OPTIONAL_DEPENDENCY_OF';

interface Relationship {
  spdxElementId: string;
  relationshipType: RelationshipType;
  relatedSpdxElement: string;
}

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: string;
  filesAnalyzed: false;
  licenseConcluded: string;
  licenseDeclared: string;
  copyrightText: string;
  sourceInfo?: string;
  externalRefs?: { referenceCategory: 'PACKAGE-MANAGER'; referenceType: 'purl'; referenceLocator: string }[];
  primaryPackagePurpose: 'APPLICATION' | 'LIBRARY';
}

/**
 * How the root relates to a package it declares. SPDX 2.3 (section 11.1) reads
 * `A DEV_DEPENDENCY_OF B` as "A is a development dependency of B", so dev and optional
 * dependencies point from the package to the root; production ones are `root DEPENDS_ON package`.
 */
function directRelationship(rootId: string, packageId: string, scope: Scope): Relationship {
  if (scope === 'prod')
    return { spdxElementId: rootId, relationshipType: 'DEPENDS_ON', relatedSpdxElement: packageId };
  const relationshipType = scope === 'dev' ? 'DEV_DEPENDENCY_OF' : 'OPTIONAL_DEPENDENCY_OF';
  return { spdxElementId: packageId, relationshipType, relatedSpdxElement: rootId };
}

/** SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/). */
export function writeSpdxJson(result: ScanResult, options: SbomOptions): string {
  const graph = buildSbomGraph(result);
  const created = sbomTimestamp(options)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  const ids = packageIds(graph.packages);
  const idOf = (purl: string): string => ids.get(purl) ?? NOASSERTION;

  const root: SpdxPackage = {
    SPDXID: ROOT_ID,
    name: graph.rootName,
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    licenseConcluded: NOASSERTION,
    licenseDeclared: NOASSERTION,
    copyrightText: NOASSERTION,
    primaryPackagePurpose: 'APPLICATION',
  };
  const packages = [root, ...graph.packages.map((p) => toPackage(p, idOf(p.purl)))];

  const relationships: Relationship[] = [
    { spdxElementId: DOCUMENT_ID, relationshipType: 'DESCRIBES', relatedSpdxElement: ROOT_ID },
  ];
  for (const pkg of graph.packages) {
    if (pkg.direct) relationships.push(directRelationship(ROOT_ID, idOf(pkg.purl), pkg.scope));
    for (const dependency of pkg.dependencies) {
      relationships.push({
        spdxElementId: idOf(pkg.purl),
        relationshipType: 'DEPENDS_ON',
        relatedSpdxElement: idOf(dependency),
      });
    }
  }
  relationships.sort(
    (a, b) =>
      compareStrings(a.spdxElementId, b.spdxElementId) ||
      compareStrings(a.relationshipType, b.relationshipType) ||
      compareStrings(a.relatedSpdxElement, b.relatedSpdxElement),
  );

  const extracted = extractedLicenses(packages);
  const uuid = documentUuid(options, () => graphDigest(graph, 'SPDX-2.3', options.toolVersion, created));
  const document = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: DOCUMENT_ID,
    name: graph.rootName,
    documentNamespace: `${SPDX_NAMESPACE_BASE}${urlSafe(graph.rootName)}-${uuid}`,
    creationInfo: { created, creators: [`Tool: palisade-${options.toolVersion}`] },
    documentDescribes: [ROOT_ID],
    packages,
    ...(extracted.length > 0 ? { hasExtractedLicensingInfos: extracted } : {}),
    relationships,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function toPackage(pkg: SbomPackage, id: string): SpdxPackage {
  return {
    SPDXID: id,
    name: pkg.name,
    ...(pkg.version === undefined ? {} : { versionInfo: pkg.version }),
    downloadLocation: downloadLocation(pkg.source),
    filesAnalyzed: false,
    licenseConcluded: NOASSERTION,
    licenseDeclared: combinedLicenseExpression(pkg.licenses) ?? NOASSERTION,
    copyrightText: NOASSERTION,
    sourceInfo: `found in ${pkg.locations.map(formatLocation).join(', ')}`,
    externalRefs: [
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: pkg.purl },
    ],
    primaryPackagePurpose: 'LIBRARY',
  };
}

/**
 * `SPDXRef-Package-<purl without its qualifiers>`, reduced to the characters SPDX ids allow;
 * packages whose ids would clash get `-2`, `-3`… in purl order, so ids are stable run to run.
 */
function packageIds(packages: readonly SbomPackage[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>([DOCUMENT_ID, ROOT_ID]);
  for (const { purl } of packages) {
    const base = `SPDXRef-Package-${idSegment(purl)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    ids.set(purl, id);
  }
  return ids;
}

function idSegment(purl: string): string {
  const body = purl.replace(/^pkg:/, '').replace(/[?#].*$/, '');
  let decoded = body;
  try {
    decoded = decodeURIComponent(body);
  } catch {
    // A malformed escape stays as written; the replacement below keeps the id valid.
  }
  return decoded.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'unnamed';
}

/** SPDX's download location: the git or URL source, or NOASSERTION for registry and path packages. */
export function downloadLocation(source: ComponentSource): string {
  if (source.type === 'url') return source.url;
  if (source.type !== 'git') return NOASSERTION;
  const hash = source.url.indexOf('#');
  const base = gitRemoteUrl(hash < 0 ? source.url : source.url.slice(0, hash));
  const ref = source.ref ?? (hash < 0 ? '' : source.url.slice(hash + 1));
  const vcs = /^git(\+|:\/\/)/.test(base) ? base : `git+${base}`;
  return ref === '' ? vcs : `${vcs}@${ref}`;
}

/**
 * Every `LicenseRef-` an expression uses must be defined in the document (SPDX 2.3, section 10).
 * Palisade knows only the name the manifest gave, not the text, and says so.
 */
function extractedLicenses(
  packages: readonly SpdxPackage[],
): { licenseId: string; name: string; extractedText: string }[] {
  const refs = new Set<string>();
  for (const pkg of packages) for (const ref of licenseRefs(pkg.licenseDeclared)) refs.add(ref);
  return [...refs].sort(compareStrings).map((licenseId) => ({
    licenseId,
    name: licenseId.slice('LicenseRef-'.length),
    extractedText: `The package declares the license "${licenseId.slice('LicenseRef-'.length)}"; its text was not collected.`,
  }));
}

function urlSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'project';
}
