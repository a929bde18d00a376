import { PalisadeError } from '../../model/index.ts';
import { AdmissionRequest } from '../cel/environments.ts';
import { toCelValue } from '../cel/values.ts';
import type { MatchTarget } from './match.ts';
import { resourceFor, splitApiVersion } from './resources.ts';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface UserInfo {
  username: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

/** An admission request, or a manifest seen as the request that would create it. */
export interface AdmissionInput {
  /** The object (absent on DELETE). */
  object?: unknown;
  /** The object before the change (UPDATE, DELETE). */
  oldObject?: unknown;
  /** Defaults to UPDATE when there is an old and a new object, DELETE with only an old one, else CREATE. */
  operation?: Operation;
  /** The Namespace object the resource lives in, when known (its labels drive namespaceSelector). */
  namespaceObject?: unknown;
  userInfo?: UserInfo;
  /** Overrides `metadata.namespace`; manifests without one land in `default`, as `kubectl apply` would put them. */
  namespace?: string;
  subResource?: string;
  dryRun?: boolean;
  /** Where the object came from (`k8s/web.yaml:12`), for error messages. */
  source?: string;
}

/** A resource a decision is about. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
}

/** An input converted once — CEL values, match target, subject — and evaluated against any number of policies. */
export interface PreparedRequest {
  readonly resource: ResourceRef;
  /** `Kind namespace/name`, the subject of decisions. */
  readonly subject: string;
  readonly target: MatchTarget;
  readonly request: AdmissionRequest;
  readonly userName: string;
  /** CEL values of object, oldObject and namespaceObject (null when absent). */
  readonly values: { object: unknown; oldObject: unknown; namespaceObject: unknown };
  readonly source: string | undefined;
}

interface ObjectShape {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; generateName?: unknown; namespace?: unknown; labels?: unknown };
}

function shape(value: unknown): ObjectShape | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as ObjectShape)
    : undefined;
}

function labelsOf(value: unknown): Record<string, string> {
  const labels = shape(value)?.metadata?.labels;
  if (typeof labels !== 'object' || labels === null) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return out;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function subjectOf(ref: Pick<ResourceRef, 'kind' | 'namespace' | 'name'>): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** Prepares an input: validates that it is a Kubernetes object and converts it for CEL (bounded by the API server's size limit). */
export function prepareRequest(input: AdmissionInput): PreparedRequest {
  const main = shape(input.object) ?? shape(input.oldObject);
  const where = input.source ?? 'input';
  if (!main || typeof main.apiVersion !== 'string' || typeof main.kind !== 'string') {
    throw new PalisadeError('input', `${where}: not a Kubernetes object (no apiVersion and kind)`);
  }
  const apiVersion = main.apiVersion;
  const kind = main.kind;
  const { group, version } = splitApiVersion(apiVersion);
  const info = resourceFor(apiVersion, kind);
  const name = str(main.metadata?.name) || str(main.metadata?.generateName);
  const namespace = info.namespaced ? input.namespace || str(main.metadata?.namespace) || 'default' : '';
  const operation = input.operation ?? defaultOperation(input);
  const subject = subjectOf({ kind, namespace, name: name || '<unnamed>' });
  const what = input.source ? `${input.source}: ${subject}` : subject;

  const namespaceLabels =
    kind === 'Namespace' && apiVersion === 'v1'
      ? { ...labelsOf(main), 'kubernetes.io/metadata.name': name }
      : { ...labelsOf(input.namespaceObject), 'kubernetes.io/metadata.name': namespace };
  const objectLabels = [input.object, input.oldObject].filter((o) => shape(o)).map(labelsOf);
  const userInfo = input.userInfo ?? { username: '' };
  const request = new AdmissionRequest({
    kind: { group, version, kind },
    resource: { group, version, resource: info.resource },
    subResource: input.subResource ?? '',
    requestKind: { group, version, kind },
    requestResource: { group, version, resource: info.resource },
    requestSubResource: input.subResource ?? '',
    name,
    namespace,
    operation,
    userInfo: toCelValue({ uid: '', groups: [], extra: {}, ...userInfo }, `${what}: userInfo`) as Record<
      string,
      unknown
    >,
    dryRun: input.dryRun ?? false,
  });
  return {
    resource: { apiVersion, kind, namespace, name, labels: objectLabels[0] ?? {} },
    subject,
    target: {
      group,
      version,
      resource: info.resource,
      subresource: input.subResource ?? '',
      operation,
      namespaced: info.namespaced,
      name,
      namespaceLabels,
      objectLabels,
      isNamespace: kind === 'Namespace' && group === '',
    },
    request,
    userName: userInfo.username,
    values: {
      object: input.object === undefined ? null : toCelValue(input.object, what),
      oldObject: input.oldObject === undefined ? null : toCelValue(input.oldObject, `${what} (old object)`),
      namespaceObject:
        input.namespaceObject === undefined ? null : toCelValue(input.namespaceObject, `${what} (namespace)`),
    },
    source: input.source,
  };
}

/**
 * API groups Palisade gives inputs that are not Kubernetes objects (`dockerfile.palisade.dev`,
 * `terraform.palisade.dev`); policies select them with matchConstraints like any other kind.
 */
export const INPUT_GROUP_SUFFIX = '.palisade.dev';

export function isInputGroup(group: string): boolean {
  return group.endsWith(INPUT_GROUP_SUFFIX);
}

/** A resource that is not a Kubernetes object, and how policies select it. */
export interface InputResource {
  /** An input group, ending in `.palisade.dev`. */
  group: string;
  version: string;
  kind: string;
  /** What `resources:` in a resource rule names (`dockerfiles`, `aws_s3_bucket`). */
  resource: string;
  name: string;
  /** The JSON the policy sees as `object` (the documented shape of the input). */
  object: unknown;
  /** How decisions name it (`aws_s3_bucket.logs (infra/main.tf)`). */
  subject: string;
  /** Where it came from, for error messages. */
  source?: string;
}

/**
 * A Dockerfile or Terraform block seen as the CREATE request of a cluster-scoped object of its
 * input group, so that matching, variables, params, bindings, modes and exceptions work on it
 * exactly as on Kubernetes objects. `oldObject` and `namespaceObject` are null.
 */
export function prepareInputRequest(input: InputResource): PreparedRequest {
  if (!isInputGroup(input.group)) {
    throw new Error(`input group '${input.group}' must end in ${INPUT_GROUP_SUFFIX}`);
  }
  const { group, version, kind, resource, name } = input;
  const request = new AdmissionRequest({
    kind: { group, version, kind },
    resource: { group, version, resource },
    requestKind: { group, version, kind },
    requestResource: { group, version, resource },
    name,
    operation: 'CREATE',
  });
  return {
    resource: { apiVersion: `${group}/${version}`, kind, namespace: '', name, labels: {} },
    subject: input.subject,
    target: {
      group,
      version,
      resource,
      subresource: '',
      operation: 'CREATE',
      namespaced: false,
      name,
      namespaceLabels: {},
      objectLabels: [],
      isNamespace: false,
      requiresExplicitGroup: true,
    },
    request,
    userName: '',
    values: {
      object: toCelValue(input.object, input.source ? `${input.source}: ${input.subject}` : input.subject),
      oldObject: null,
      namespaceObject: null,
    },
    source: input.source,
  };
}

function defaultOperation(input: AdmissionInput): Operation {
  if (input.oldObject !== undefined && input.oldObject !== null) {
    return input.object === undefined || input.object === null ? 'DELETE' : 'UPDATE';
  }
  return 'CREATE';
}
