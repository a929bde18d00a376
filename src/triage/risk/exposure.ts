import { LineCounter, parseAllDocuments } from 'yaml';
import type { Exposure } from './formula.ts';

/** A manifest object that decides exposure. */
export interface ExposureEvidence {
  path: string;
  line: number;
  kind: string;
  name: string;
  internet: boolean;
  reason: string;
}

export interface ExposureResult {
  exposure: Exposure;
  evidence: ExposureEvidence[];
  /** One line for --explain: what decided it. */
  summary: string;
}

/** Objects that route traffic from outside the cluster to it. */
const INGRESS_KINDS = new Set([
  'Ingress',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'TCPRoute',
  'Route',
  'IngressRoute',
]);
/** Cloud annotations that make a LoadBalancer Service private to the VPC. */
const INTERNAL_LB = [
  'service.beta.kubernetes.io/aws-load-balancer-internal',
  'service.beta.kubernetes.io/azure-load-balancer-internal',
  'networking.gke.io/load-balancer-type',
  'cloud.google.com/load-balancer-type',
  'service.beta.kubernetes.io/oci-load-balancer-internal',
];
const MAX_MANIFEST = 2 * 1024 * 1024;

/**
 * A file is parsed only when a document in it names one of the kinds that decide exposure: most
 * YAML in a repository (Deployments, CI files, config) never does, and parsing it all costs more
 * than the secret scan of the same tree.
 */
const EXPOSING_KIND = new RegExp(
  `^\\s*(?:-\\s*)?kind:\\s*["']?(?:Service|${[...INGRESS_KINDS].join('|')})["']?\\s*(?:#.*)?$`,
  'm',
);

/**
 * Whether the services in the repository face the internet, from its Kubernetes manifests:
 * an Ingress, a Gateway API route or gateway, an OpenShift Route, or a Service of type
 * LoadBalancer (not annotated internal) or NodePort, or with externalIPs, makes it `internet`;
 * Services that are all ClusterIP make it `internal`; no manifest leaves it `unknown`. Helm
 * templates are read with their `{{ }}` actions blanked out. Pure: paths and a reader in.
 */
export function detectExposure(
  files: readonly string[],
  readFile: (path: string) => string | undefined,
): ExposureResult {
  const evidence: ExposureEvidence[] = [];
  for (const path of files) {
    if (!/\.ya?ml$/.test(path)) continue;
    const text = readFile(path);
    if (text === undefined || text.length > MAX_MANIFEST || !EXPOSING_KIND.test(text)) continue;
    evidence.push(...manifestEvidence(path, text));
  }
  const internet = evidence.filter((e) => e.internet);
  if (internet.length > 0) {
    return { exposure: 'internet', evidence, summary: describe(internet) };
  }
  if (evidence.length > 0) {
    return { exposure: 'internal', evidence, summary: `only in-cluster Services: ${describe(evidence)}` };
  }
  return { exposure: 'unknown', evidence, summary: 'no Kubernetes Service, Ingress or route found' };
}

/** A configured exposure (palisade.yaml `exposure`) wins over the detected one. */
export function resolveExposure(detected: ExposureResult, configured: Exposure | undefined): ExposureResult {
  if (configured === undefined || configured === detected.exposure) return detected;
  return {
    ...detected,
    exposure: configured,
    summary: `configured as ${configured} (detected: ${detected.summary})`,
  };
}

function manifestEvidence(path: string, text: string): ExposureEvidence[] {
  const templated = text.includes('{{');
  const lineCounter = new LineCounter();
  const found: ExposureEvidence[] = [];
  let documents: ReturnType<typeof parseAllDocuments>;
  try {
    documents = parseAllDocuments(templated ? blankTemplate(text) : text, { lineCounter, uniqueKeys: false });
  } catch {
    return found;
  }
  if (!Array.isArray(documents)) return found;
  for (const document of documents) {
    if (document.errors.length > 0) continue;
    let object: unknown;
    try {
      object = document.toJS({ maxAliasCount: 100 });
    } catch {
      continue;
    }
    const line = lineCounter.linePos(document.contents?.range?.[0] ?? 0).line;
    // A `kind: List` (what `kubectl get -o yaml` writes) holds its objects in `items`.
    const objects =
      isRecord(object) && object.kind === 'List' && Array.isArray(object.items) ? object.items : [object];
    for (const decided of objects.map(classify)) {
      if (!decided) continue;
      const reason = templated ? `${decided.reason} (Helm template)` : decided.reason;
      found.push({ path, line, kind: decided.kind, name: decided.name, internet: decided.internet, reason });
    }
  }
  return found;
}

function classify(object: unknown): Omit<ExposureEvidence, 'path' | 'line'> | undefined {
  if (!isRecord(object) || typeof object.kind !== 'string' || typeof object.apiVersion !== 'string')
    return undefined;
  const kind = object.kind;
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
  if (INGRESS_KINDS.has(kind))
    return { kind, name, internet: true, reason: `${kind} routes outside traffic in` };
  if (kind !== 'Service') return undefined;
  const spec = isRecord(object.spec) ? object.spec : {};
  const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  if (type === 'LoadBalancer') {
    const internal = INTERNAL_LB.find(
      (a) => a in annotations && !/^(?:false|external)$/i.test(String(annotations[a])),
    );
    if (internal) return { kind, name, internet: false, reason: `internal LoadBalancer (${internal})` };
    return { kind, name, internet: true, reason: 'Service of type LoadBalancer' };
  }
  if (type === 'NodePort') return { kind, name, internet: true, reason: 'Service of type NodePort' };
  if (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0) {
    return { kind, name, internet: true, reason: 'Service with externalIPs' };
  }
  return { kind, name, internet: false, reason: `Service of type ${type}` };
}

/** Helm: lines that are only template actions go; inline actions become a plain scalar. */
function blankTemplate(text: string): string {
  return text
    .split('\n')
    .map((line) => (/^\s*\{\{.*\}\}\s*$/.test(line) ? '' : line.replace(/\{\{[^}]*\}\}/g, 'templated')))
    .join('\n');
}

function describe(evidence: ExposureEvidence[]): string {
  const shown = evidence.slice(0, 3).map((e) => `${e.kind} ${e.name} (${e.path}:${e.line}): ${e.reason}`);
  const more = evidence.length > 3 ? `, and ${evidence.length - 3} more` : '';
  return `${shown.join('; ')}${more}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
