import { Enums, Models, Serialize, SPDX, Spec } from '@cyclonedx/cyclonedx-library';
import type { Ecosystem, ScanResult, Scope, SourceLocation } from '../model/index.ts';
import { stringifyXml } from '../xml/stringify.ts';
import { cyclonedxVulnerabilities } from './cyclonedx-vulnerabilities.ts';
import {
  buildSbomGraph,
  combinedLicenseExpression,
  gitRemoteUrl,
  graphDigest,
  isCompound,
  type SbomGraph,
  type SbomPackage,
} from './sbom-graph.ts';
import { documentUuid, type SbomOptions, sbomTimestamp } from './sbom-meta.ts';

type XmlElement = Serialize.XML.Types.SimpleXml.Element;

const SPEC = Spec.Spec1dot6;

const SCOPE: Record<Scope, Enums.ComponentScope> = {
  prod: Enums.ComponentScope.Required,
  dev: Enums.ComponentScope.Excluded,
  optional: Enums.ComponentScope.Optional,
};

/** CycloneDX 1.6 JSON (https://cyclonedx.org/docs/1.6/json/). */
export function writeCycloneDxJson(result: ScanResult, options: SbomOptions): string {
  const { bom, graph } = buildBom(result, options);
  const normalized = new Serialize.JSON.Normalize.Factory(SPEC).makeForBom().normalize(bom, NORMALIZE);
  const occurrences = occurrencesByRef(graph);
  for (const component of normalized.components ?? []) {
    const found = occurrences.get(component['bom-ref'] ?? '');
    if (found) Object.assign(component, { evidence: { occurrences: found } });
  }
  const vulnerabilities = cyclonedxVulnerabilities(result.findings);
  if (vulnerabilities.length > 0) Object.assign(normalized, { vulnerabilities });
  return `${JSON.stringify(normalized, null, 2)}\n`;
}

/** CycloneDX 1.6 XML (https://cyclonedx.org/docs/1.6/xml/). */
export function writeCycloneDxXml(result: ScanResult, options: SbomOptions): string {
  const { bom, graph } = buildBom(result, options);
  const normalized = new Serialize.XML.Normalize.Factory(SPEC).makeForBom().normalize(bom, NORMALIZE);
  const occurrences = occurrencesByRef(graph);
  for (const component of childElements(childElements(normalized).find((e) => e.name === 'components'))) {
    const found = occurrences.get(String(component.attributes?.['bom-ref'] ?? ''));
    // `evidence` follows `properties` and `components` in the XSD's sequence, and nothing after it is written.
    if (found) component.children = [...childElements(component), evidenceElement(found)];
  }
  return stringifyXml(normalized);
}

/**
 * The library's `sortLists` sorts with `localeCompare`, whose order depends on the machine's
 * locale and which dominates the time on large graphs; the model is built in code-unit order
 * instead (insertion order is what the normalizers keep), so the output is stable everywhere.
 */
const NORMALIZE = { sortLists: false } as const;

/**
 * CycloneDX 1.6 `evidence.occurrences` (each file and line that lists the package) is not in the
 * library's model (v10 has evidence licenses and copyright only), so the writers add it to the
 * normalized tree, keyed by bom-ref.
 */
interface Occurrence {
  location: string;
  line: number;
}

function occurrencesByRef(graph: SbomGraph): Map<string, Occurrence[]> {
  return new Map(graph.packages.map((p) => [p.purl, p.locations.map(occurrence)]));
}

function occurrence(location: SourceLocation): Occurrence {
  return { location: location.path, line: location.line };
}

function evidenceElement(occurrences: Occurrence[]): XmlElement {
  const children = occurrences.map(
    (o): XmlElement => ({
      type: 'element',
      name: 'occurrence',
      children: [
        { type: 'element', name: 'location', children: o.location },
        { type: 'element', name: 'line', children: o.line },
      ],
    }),
  );
  return {
    type: 'element',
    name: 'evidence',
    children: [{ type: 'element', name: 'occurrences', children }],
  };
}

function childElements(element: XmlElement | undefined): XmlElement[] {
  const children = element?.children;
  if (children === undefined || typeof children === 'string' || typeof children === 'number') return [];
  return Array.from(children).filter((c): c is XmlElement => c.type === 'element');
}

function buildBom(result: ScanResult, options: SbomOptions): { bom: Models.Bom; graph: SbomGraph } {
  const graph = buildSbomGraph(result);
  const root = new Models.Component(Enums.ComponentType.Application, graph.rootName, {
    bomRef: `root:${graph.rootName}`,
  });
  const tool = new Models.Component(Enums.ComponentType.Application, 'palisade', {
    version: options.toolVersion,
  });
  const timestamp = sbomTimestamp(options);
  const bom = new Models.Bom({
    metadata: new Models.Metadata({
      timestamp,
      tools: new Models.Tools({ components: new Models.ComponentRepository([tool]) }),
      component: root,
    }),
  });
  const byPurl = new Map<string, Models.Component>();
  const licenseCache = new Map<string, Models.LicenseRepository>();
  for (const pkg of graph.packages) {
    const component = toComponent(pkg, licenseCache);
    byPurl.set(pkg.purl, component);
    bom.components.add(component);
  }
  // Edges go by BomRef object identity, which is how the library's graph normalizer matches them.
  for (const pkg of graph.packages) {
    const component = byPurl.get(pkg.purl);
    for (const dependency of pkg.dependencies) {
      const target = byPurl.get(dependency);
      if (component && target) component.dependencies.add(target.bomRef);
    }
  }
  for (const purl of graph.direct) {
    const target = byPurl.get(purl);
    if (target) root.dependencies.add(target.bomRef);
  }
  const digest = () => graphDigest(graph, 'CycloneDX-1.6', options.toolVersion, timestamp.toISOString());
  bom.serialNumber = `urn:uuid:${documentUuid(options, digest)}`;
  return { bom, graph };
}

function toComponent(
  pkg: SbomPackage,
  licenseCache: Map<string, Models.LicenseRepository>,
): Models.Component {
  const { group, name } = splitName(pkg.ecosystem, pkg.name);
  const component = new Models.Component(Enums.ComponentType.Library, name, {
    bomRef: pkg.purl,
    purl: pkg.purl,
    scope: SCOPE[pkg.scope],
    licenses: cachedLicenses(pkg.licenses, licenseCache),
    externalReferences: externalReferences(pkg),
    properties: properties(pkg),
  });
  if (group !== undefined) component.group = group;
  if (pkg.version !== undefined) component.version = pkg.version;
  return component;
}

/** CycloneDX's group: the npm scope, the Maven groupId, the Composer vendor; Go keeps the whole module path as its name. */
export function splitName(ecosystem: Ecosystem, fullName: string): { group?: string; name: string } {
  const separator =
    ecosystem === 'Maven' ? ':' : ecosystem === 'npm' || ecosystem === 'Packagist' ? '/' : undefined;
  const i = separator === undefined ? -1 : fullName.lastIndexOf(separator);
  if (i <= 0 || i === fullName.length - 1) return { name: fullName };
  if (ecosystem === 'npm' && !fullName.startsWith('@')) return { name: fullName };
  return { group: fullName.slice(0, i), name: fullName.slice(i + 1) };
}

/**
 * Most packages share a handful of license sets (MIT, Apache-2.0…); the normalizers only read
 * the repositories, so one per distinct set serves every component that has it.
 */
function cachedLicenses(
  expressions: readonly string[],
  cache: Map<string, Models.LicenseRepository>,
): Models.LicenseRepository {
  const key = expressions.join('\n');
  let repository = cache.get(key);
  if (!repository) {
    repository = licenses(expressions);
    cache.set(key, repository);
  }
  return repository;
}

/**
 * Plain SPDX ids become `license.id`; anything else (compound expressions, `LicenseRef-`s, ids
 * CycloneDX's list lacks) becomes one `expression`, since the schema allows either a list of
 * licenses or a single expression, never both.
 */
function licenses(expressions: readonly string[]): Models.LicenseRepository {
  const repository = new Models.LicenseRepository();
  if (expressions.every((e) => !isCompound(e) && SPDX.isSupportedSpdxId(e))) {
    for (const id of expressions) repository.add(new Models.SpdxLicense(id));
    return repository;
  }
  const expression = combinedLicenseExpression(expressions);
  if (expression !== undefined) repository.add(new Models.LicenseExpression(expression));
  return repository;
}

function externalReferences(pkg: SbomPackage): Models.ExternalReferenceRepository {
  const references = new Models.ExternalReferenceRepository();
  const { source } = pkg;
  if (source.type === 'git') {
    const url = gitRemoteUrl(source.url);
    const withRef = source.ref !== undefined && !url.includes('#') ? `${url}#${source.ref}` : url;
    references.add(new Models.ExternalReference(withRef, Enums.ExternalReferenceType.VCS));
  } else if (source.type === 'url') {
    references.add(new Models.ExternalReference(source.url, Enums.ExternalReferenceType.Distribution));
  }
  return references;
}

function properties(pkg: SbomPackage): Models.PropertyRepository {
  const list = [
    new Models.Property('palisade:direct', String(pkg.direct)),
    new Models.Property('palisade:source-type', pkg.source.type),
  ];
  if (pkg.source.type === 'path') list.push(new Models.Property('palisade:source-path', pkg.source.path));
  return new Models.PropertyRepository(list);
}
