// SPDX 2.2/2.3 JSON documents: packages with a purl external reference become components, the
// relationships their edges and direct/dev/optional flags. SPDX 2 carries no vulnerabilities, so
// the server matches these itself.
import { z } from 'zod';
import type { Component, Scope } from '../../model/index.ts';
import { badRequest } from '../http-error.ts';
import { SBOM_PATH } from './cyclonedx.ts';
import { parseWith } from './issues.ts';
import { identityOf } from './purl.ts';
import type { ParsedUpload } from './upload.ts';

const spdxSchema = z.looseObject({
  spdxVersion: z.string(),
  SPDXID: z.string().optional(),
  name: z.string().optional(),
  documentNamespace: z.string().optional(),
  documentDescribes: z.array(z.string()).optional(),
  packages: z
    .array(
      z.looseObject({
        SPDXID: z.string(),
        name: z.string(),
        versionInfo: z.string().optional(),
        licenseDeclared: z.string().optional(),
        licenseConcluded: z.string().optional(),
        sourceInfo: z.string().optional(),
        externalRefs: z
          .array(z.looseObject({ referenceType: z.string(), referenceLocator: z.string() }))
          .optional(),
      }),
    )
    .optional(),
  relationships: z
    .array(
      z.looseObject({
        spdxElementId: z.string(),
        relationshipType: z.string(),
        relatedSpdxElement: z.string(),
      }),
    )
    .optional(),
});

export function isSpdx(json: Record<string, unknown>): boolean {
  return typeof json.spdxVersion === 'string';
}

type SpdxDocument = z.infer<typeof spdxSchema>;

export function parseSpdx(json: unknown): ParsedUpload {
  const doc = parseWith(spdxSchema, json, 'SPDX document');
  if (!/^SPDX-2\.[23]$/.test(doc.spdxVersion))
    throw badRequest(`SPDX document: ${doc.spdxVersion} is not supported; send SPDX 2.2 or 2.3 JSON`);
  const graph = relationshipGraph(doc);
  const byId = new Map<string, Component[]>();
  let skipped = 0;
  for (const pkg of doc.packages ?? []) {
    if (graph.roots.has(pkg.SPDXID)) continue;
    const components = toComponents(pkg, graph.scopeOf.get(pkg.SPDXID));
    if (components.length === 0) skipped++;
    else byId.set(pkg.SPDXID, components);
  }
  for (const [id, list] of byId) {
    const deps = (graph.dependsOn.get(id) ?? [])
      .map((d) => byId.get(d)?.[0]?.purl)
      .filter((p): p is string => !!p);
    const sorted = [...new Set(deps)].sort();
    for (const c of list) c.dependencies = sorted;
  }
  return {
    format: 'spdx',
    specVersion: doc.spdxVersion,
    serialNumber: doc.documentNamespace ?? null,
    target: doc.name ?? null,
    components: [...byId.values()].flat(),
    findings: undefined,
    complete: true,
    notes: skipped > 0 ? [`${skipped} package(s) without a purl of a known ecosystem were not stored`] : [],
  };
}

interface Graph {
  /** What the document describes: the project itself, not a dependency. */
  roots: Set<string>;
  /** Scope of the packages the roots depend on directly. */
  scopeOf: Map<string, Scope>;
  dependsOn: Map<string, string[]>;
}

/**
 * Edges from DEPENDS_ON and its inverses. SPDX reads `A DEV_DEPENDENCY_OF B` as "A is a
 * development dependency of B", so those point from B to A.
 */
function relationshipGraph(doc: SpdxDocument): Graph {
  const relationships = doc.relationships ?? [];
  const documentId = doc.SPDXID ?? 'SPDXRef-DOCUMENT';
  const roots = new Set([
    ...(doc.documentDescribes ?? []),
    ...relationships
      .filter((r) => r.relationshipType === 'DESCRIBES' && r.spdxElementId === documentId)
      .map((r) => r.relatedSpdxElement),
  ]);
  const scopeOf = new Map<string, Scope>();
  const dependsOn = new Map<string, string[]>();
  const edge = (from: string, to: string, scope: Scope) => {
    dependsOn.set(from, [...(dependsOn.get(from) ?? []), to]);
    if (roots.has(from)) scopeOf.set(to, scope);
  };
  for (const r of relationships) {
    const inverse = INVERSE_SCOPE[r.relationshipType];
    if (r.relationshipType === 'DEPENDS_ON') edge(r.spdxElementId, r.relatedSpdxElement, 'prod');
    else if (inverse) edge(r.relatedSpdxElement, r.spdxElementId, inverse);
  }
  return { roots, scopeOf, dependsOn };
}

const INVERSE_SCOPE: Record<string, Scope> = {
  DEPENDENCY_OF: 'prod',
  DEV_DEPENDENCY_OF: 'dev',
  OPTIONAL_DEPENDENCY_OF: 'optional',
};

function toComponents(
  pkg: NonNullable<SpdxDocument['packages']>[number],
  scope: Scope | undefined,
): Component[] {
  const purl = pkg.externalRefs?.find((r) => r.referenceType === 'purl')?.referenceLocator;
  const identity = purl ? identityOf(purl, { name: pkg.name }) : undefined;
  if (!purl || !identity) return [];
  const license = pkg.licenseDeclared ?? pkg.licenseConcluded;
  return locations(pkg.sourceInfo).map((location) => {
    const c: Component = {
      purl,
      ecosystem: identity.ecosystem,
      name: identity.name,
      scope: scope ?? 'prod',
      direct: scope !== undefined,
      licenses: license && license !== 'NOASSERTION' && license !== 'NONE' ? [license] : [],
      location,
      source: identity.source,
      dependencies: [],
    };
    const version = pkg.versionInfo ?? identity.version;
    if (version !== undefined) c.version = version;
    return c;
  });
}

/** `found in web/package-lock.json#L12, api/package-lock.json#L40` (palisade's sourceInfo), or the SBOM itself. */
function locations(sourceInfo: string | undefined): { path: string; line: number }[] {
  const found = /^found in (.+)$/.exec(sourceInfo ?? '')?.[1];
  const parsed = (found ?? '')
    .split(', ')
    .map((entry) => /^(.+)#L(\d+)$/.exec(entry))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ path: m[1]!, line: Number(m[2]) }));
  return parsed.length > 0 ? parsed : [{ path: SBOM_PATH, line: 0 }];
}
