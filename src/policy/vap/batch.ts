import { describeError, isPalisadeError } from '../../model/index.ts';
import { type EvaluateOptions, evaluatePolicies, type PolicyResult, type PolicySet } from './evaluate.ts';
import { prepareRequest } from './request.ts';
import { splitApiVersion } from './resources.ts';

/** A manifest from a file: the object and where it came from (`k8s/web.yaml:12`). */
export interface Manifest {
  object: unknown;
  source?: string;
}

export interface ManifestEvaluation {
  results: PolicyResult[];
  /** `results[i]` came from `manifests[manifestIndex[i]]`: names alone are ambiguous across overlays. */
  manifestIndex: number[];
  /** Manifests that could not be evaluated (not a Kubernetes object, too large): partial failure is data. */
  errors: { source: string; message: string }[];
}

export const MANIFEST_SET_KIND = 'ManifestSet';

interface Meta {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
}

function meta(object: unknown): Meta {
  return typeof object === 'object' && object !== null ? (object as Meta) : {};
}

/**
 * What policies that need the whole set see as `params` (paramKind palisade.dev/v1alpha1
 * ManifestSet): the namespaces that have a NetworkPolicy, and every namespace mentioned.
 */
export function manifestSetParam(objects: readonly unknown[]): unknown {
  const withPolicy = new Set<string>();
  const namespaces = new Set<string>();
  for (const object of objects) {
    const m = meta(object);
    const ns =
      typeof m.metadata?.namespace === 'string' && m.metadata.namespace ? m.metadata.namespace : 'default';
    if (m.kind === 'Namespace' && typeof m.metadata?.name === 'string') namespaces.add(m.metadata.name);
    else namespaces.add(ns);
    if (
      m.kind === 'NetworkPolicy' &&
      typeof m.apiVersion === 'string' &&
      splitApiVersion(m.apiVersion).group === 'networking.k8s.io'
    ) {
      withPolicy.add(ns);
    }
  }
  return {
    apiVersion: 'palisade.dev/v1alpha1',
    kind: MANIFEST_SET_KIND,
    metadata: { name: 'manifests' },
    namespaces: [...namespaces].sort(),
    networkPolicyNamespaces: [...withPolicy].sort(),
  };
}

/** The namespace a manifest lands in (`default` when it names none). */
export function namespaceOf(object: unknown): string {
  const ns = meta(object).metadata?.namespace;
  return typeof ns === 'string' && ns ? ns : 'default';
}

/** Namespace objects among the manifests, by name. */
export function namespaceIndex(objects: readonly unknown[]): Map<string, unknown> {
  const namespaces = new Map<string, unknown>();
  for (const object of objects) {
    const m = meta(object);
    if (m.kind === 'Namespace' && m.apiVersion === 'v1' && typeof m.metadata?.name === 'string') {
      namespaces.set(m.metadata.name, object);
    }
  }
  return namespaces;
}

/**
 * Evaluates a set of manifests as the requests that would create them. Namespace objects among
 * them become the `namespaceObject` of the resources they hold, and the set is offered as a
 * ManifestSet param.
 */
export function evaluateManifests(
  set: PolicySet,
  manifests: readonly Manifest[],
  options: EvaluateOptions = {},
): ManifestEvaluation {
  const namespaces = namespaceIndex(manifests.map((m) => m.object));
  const params = [...(options.params ?? []), manifestSetParam(manifests.map((m) => m.object))];
  const withParams = { ...options, params };
  const results: PolicyResult[] = [];
  const manifestIndex: number[] = [];
  const errors: ManifestEvaluation['errors'] = [];
  for (const [index, manifest] of manifests.entries()) {
    const source = manifest.source ?? 'manifest';
    try {
      const m = meta(manifest.object);
      const ns =
        typeof m.metadata?.namespace === 'string' && m.metadata.namespace ? m.metadata.namespace : 'default';
      const request = prepareRequest({
        object: manifest.object,
        namespaceObject: namespaces.get(ns),
        ...(manifest.source === undefined ? {} : { source: manifest.source }),
      });
      for (const result of evaluatePolicies(set, request, withParams)) {
        results.push(result);
        manifestIndex.push(index);
      }
    } catch (error) {
      if (!isPalisadeError(error)) throw error;
      errors.push({ source, message: describeError(error) });
    }
  }
  return { results, manifestIndex, errors };
}
