/** The REST resource behind a kind: what admission rules (`resources: ["deployments"]`) match against. */
export interface ResourceInfo {
  group: string;
  resource: string;
  namespaced: boolean;
}

type Row = readonly [kind: string, resource: string, namespaced: boolean];

const TABLE: Readonly<Record<string, readonly Row[]>> = {
  '': [
    ['Pod', 'pods', true],
    ['PodTemplate', 'podtemplates', true],
    ['ReplicationController', 'replicationcontrollers', true],
    ['Service', 'services', true],
    ['Endpoints', 'endpoints', true],
    ['ConfigMap', 'configmaps', true],
    ['Secret', 'secrets', true],
    ['ServiceAccount', 'serviceaccounts', true],
    ['PersistentVolumeClaim', 'persistentvolumeclaims', true],
    ['LimitRange', 'limitranges', true],
    ['ResourceQuota', 'resourcequotas', true],
    ['Event', 'events', true],
    ['Binding', 'bindings', true],
    ['Namespace', 'namespaces', false],
    ['Node', 'nodes', false],
    ['PersistentVolume', 'persistentvolumes', false],
    ['ComponentStatus', 'componentstatuses', false],
  ],
  apps: [
    ['Deployment', 'deployments', true],
    ['StatefulSet', 'statefulsets', true],
    ['DaemonSet', 'daemonsets', true],
    ['ReplicaSet', 'replicasets', true],
    ['ControllerRevision', 'controllerrevisions', true],
  ],
  batch: [
    ['Job', 'jobs', true],
    ['CronJob', 'cronjobs', true],
  ],
  autoscaling: [['HorizontalPodAutoscaler', 'horizontalpodautoscalers', true]],
  policy: [['PodDisruptionBudget', 'poddisruptionbudgets', true]],
  'networking.k8s.io': [
    ['Ingress', 'ingresses', true],
    ['NetworkPolicy', 'networkpolicies', true],
    ['IngressClass', 'ingressclasses', false],
    ['IPAddress', 'ipaddresses', false],
    ['ServiceCIDR', 'servicecidrs', false],
  ],
  'rbac.authorization.k8s.io': [
    ['Role', 'roles', true],
    ['RoleBinding', 'rolebindings', true],
    ['ClusterRole', 'clusterroles', false],
    ['ClusterRoleBinding', 'clusterrolebindings', false],
  ],
  'storage.k8s.io': [
    ['StorageClass', 'storageclasses', false],
    ['VolumeAttachment', 'volumeattachments', false],
    ['CSIDriver', 'csidrivers', false],
    ['CSINode', 'csinodes', false],
    ['CSIStorageCapacity', 'csistoragecapacities', true],
  ],
  'admissionregistration.k8s.io': [
    ['ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false],
    ['ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', false],
    ['MutatingAdmissionPolicy', 'mutatingadmissionpolicies', false],
    ['MutatingAdmissionPolicyBinding', 'mutatingadmissionpolicybindings', false],
    ['ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false],
    ['MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false],
  ],
  'apiextensions.k8s.io': [['CustomResourceDefinition', 'customresourcedefinitions', false]],
  'apiregistration.k8s.io': [['APIService', 'apiservices', false]],
  'scheduling.k8s.io': [['PriorityClass', 'priorityclasses', false]],
  'coordination.k8s.io': [['Lease', 'leases', true]],
  'discovery.k8s.io': [['EndpointSlice', 'endpointslices', true]],
  'node.k8s.io': [['RuntimeClass', 'runtimeclasses', false]],
  'certificates.k8s.io': [['CertificateSigningRequest', 'certificatesigningrequests', false]],
  'gateway.networking.k8s.io': [
    ['Gateway', 'gateways', true],
    ['GatewayClass', 'gatewayclasses', false],
    ['HTTPRoute', 'httproutes', true],
    ['GRPCRoute', 'grpcroutes', true],
    ['TCPRoute', 'tcproutes', true],
    ['TLSRoute', 'tlsroutes', true],
    ['ReferenceGrant', 'referencegrants', true],
  ],
};

const BY_KIND = new Map<string, ResourceInfo>();
for (const [group, rows] of Object.entries(TABLE)) {
  for (const [kind, resource, namespaced] of rows)
    BY_KIND.set(`${group}/${kind}`, { group, resource, namespaced });
}

/** Splits `apps/v1` into group and version; the core group is ''. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * The resource for a kind. Kinds outside the table (custom resources) get the plural the API
 * machinery guesses (`UnsafeGuessKindToResource`) and are taken as namespaced unless the object
 * says otherwise by having no namespace… which manifests often omit, so the default is namespaced.
 */
export function resourceFor(apiVersion: string, kind: string): ResourceInfo {
  const { group } = splitApiVersion(apiVersion);
  return BY_KIND.get(`${group}/${kind}`) ?? { group, resource: guessPlural(kind), namespaced: true };
}

/** `UnsafeGuessKindToResource` from k8s.io/apimachinery/pkg/api/meta. */
export function guessPlural(kind: string): string {
  const singular = kind.toLowerCase();
  if (singular === '') return singular;
  if (singular.endsWith('s')) return `${singular}es`;
  if (singular.endsWith('y')) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}
