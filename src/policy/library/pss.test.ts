import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluatePolicies } from '../vap/evaluate.ts';
import { loadBuiltinSet } from './registry.ts';

// The Pod Security Standards table (kubernetes.io/docs/concepts/security/pod-security-standards/):
// for every control, pods built from its "Restricted Fields" and "Allowed Values", checked at
// both levels, as a Pod and inside workload templates. Each case starts from a pod that meets
// the restricted level and changes one thing, so the expected failures are exactly the controls
// that change touches (a restricted-level failure is invisible at the baseline level).

interface Container {
  name: string;
  image: string;
  securityContext: Record<string, unknown>;
  [field: string]: unknown;
}

interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: {
    name: string;
    namespace: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  spec: {
    containers: Container[];
    initContainers?: Container[];
    ephemeralContainers?: Container[];
    securityContext: Record<string, unknown>;
    volumes?: Record<string, unknown>[];
    [field: string]: unknown;
  };
}

function compliantContainer(name: string): Container {
  return {
    name,
    image: 'registry.example.com/app:1.0',
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  };
}

function restrictedPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app', namespace: 'default' },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [compliantContainer('app')],
    },
  };
}

const app = (p: Pod): Container => p.spec.containers[0] as Container;
function init(p: Pod): Container {
  const c = compliantContainer('init');
  p.spec.initContainers = [c];
  return c;
}
function ephemeral(p: Pod): Container {
  const c = compliantContainer('debug');
  p.spec.ephemeralContainers = [c];
  return c;
}
const podSc = (p: Pod): Record<string, unknown> => p.spec.securityContext;
const volume = (p: Pod, v: Record<string, unknown>): void => {
  p.spec.volumes = [{ name: 'data', ...v }];
};

type Mutation = (p: Pod) => void;
/** [description, change, the policies that must deny it (restricted level; baseline sees the pss-baseline-* ones)]. */
type Case = readonly [string, Mutation, readonly string[]];

const B = (control: string): string => `pss-baseline-${control}`;
const R = (control: string): string => `pss-restricted-${control}`;

const TABLE: Record<string, readonly Case[]> = {
  HostProcess: [
    ['pod hostProcess undefined', () => {}, []],
    ['pod hostProcess false', (p) => (podSc(p).windowsOptions = { hostProcess: false }), []],
    [
      'container hostProcess false',
      (p) => (app(p).securityContext.windowsOptions = { hostProcess: false }),
      [],
    ],
    ['pod hostProcess true', (p) => (podSc(p).windowsOptions = { hostProcess: true }), [B('host-process')]],
    [
      'container hostProcess true',
      (p) => (app(p).securityContext.windowsOptions = { hostProcess: true }),
      [B('host-process')],
    ],
    [
      'initContainer hostProcess true',
      (p) => (init(p).securityContext.windowsOptions = { hostProcess: true }),
      [B('host-process')],
    ],
    [
      'ephemeralContainer hostProcess true',
      (p) => (ephemeral(p).securityContext.windowsOptions = { hostProcess: true }),
      [B('host-process')],
    ],
  ],
  'Host Namespaces': [
    [
      'hostNetwork/hostPID/hostIPC false',
      (p) => Object.assign(p.spec, { hostNetwork: false, hostPID: false, hostIPC: false }),
      [],
    ],
    ['hostNetwork true', (p) => (p.spec.hostNetwork = true), [B('host-namespaces')]],
    ['hostPID true', (p) => (p.spec.hostPID = true), [B('host-namespaces')]],
    ['hostIPC true', (p) => (p.spec.hostIPC = true), [B('host-namespaces')]],
  ],
  'Privileged Containers': [
    ['privileged false', (p) => (app(p).securityContext.privileged = false), []],
    ['container privileged', (p) => (app(p).securityContext.privileged = true), [B('privileged')]],
    ['initContainer privileged', (p) => (init(p).securityContext.privileged = true), [B('privileged')]],
    [
      'ephemeralContainer privileged',
      (p) => (ephemeral(p).securityContext.privileged = true),
      [B('privileged')],
    ],
  ],
  Capabilities: [
    ...[
      'AUDIT_WRITE',
      'CHOWN',
      'DAC_OVERRIDE',
      'FOWNER',
      'FSETID',
      'KILL',
      'MKNOD',
      'SETFCAP',
      'SETGID',
      'SETPCAP',
      'SETUID',
      'SYS_CHROOT',
    ].map(
      (cap): Case => [
        `add ${cap} (baseline allows it, restricted does not)`,
        (p) => addCap(app(p), cap),
        [R('capabilities')],
      ],
    ),
    ['add NET_BIND_SERVICE', (p) => addCap(app(p), 'NET_BIND_SERVICE'), []],
    ['add SYS_ADMIN', (p) => addCap(app(p), 'SYS_ADMIN'), [B('capabilities'), R('capabilities')]],
    ['initContainer adds NET_RAW', (p) => addCap(init(p), 'NET_RAW'), [B('capabilities'), R('capabilities')]],
    [
      'ephemeralContainer adds BPF',
      (p) => addCap(ephemeral(p), 'BPF'),
      [B('capabilities'), R('capabilities')],
    ],
    ['no drop ALL', (p) => (app(p).securityContext.capabilities = {}), [R('capabilities')]],
    [
      'drop only NET_RAW',
      (p) => (app(p).securityContext.capabilities = { drop: ['NET_RAW'] }),
      [R('capabilities')],
    ],
    [
      'initContainer without drop ALL',
      (p) => (init(p).securityContext.capabilities = undefined),
      [R('capabilities')],
    ],
  ],
  'HostPath Volumes': [
    ['emptyDir volume', (p) => volume(p, { emptyDir: {} }), []],
    [
      'hostPath volume',
      (p) => volume(p, { hostPath: { path: '/var/log' } }),
      [B('host-path-volumes'), R('volume-types')],
    ],
  ],
  'Host Ports': [
    ['hostPort 0', (p) => (app(p).ports = [{ containerPort: 80, hostPort: 0 }]), []],
    ['containerPort only', (p) => (app(p).ports = [{ containerPort: 80 }]), []],
    ['hostPort 8080', (p) => (app(p).ports = [{ containerPort: 80, hostPort: 8080 }]), [B('host-ports')]],
    [
      'initContainer hostPort',
      (p) => (init(p).ports = [{ containerPort: 80, hostPort: 80 }]),
      [B('host-ports')],
    ],
    [
      'ephemeralContainer hostPort',
      (p) => (ephemeral(p).ports = [{ containerPort: 80, hostPort: 80 }]),
      [B('host-ports')],
    ],
  ],
  'Host Probes / Lifecycle Hooks': [
    ['probe without host', (p) => (app(p).livenessProbe = { httpGet: { path: '/healthz', port: 8080 } }), []],
    ['probe host empty', (p) => (app(p).readinessProbe = { tcpSocket: { host: '', port: 8080 } }), []],
    [
      'livenessProbe.httpGet.host',
      (p) => (app(p).livenessProbe = { httpGet: { host: '10.0.0.1', port: 80 } }),
      [B('host-probes')],
    ],
    [
      'readinessProbe.tcpSocket.host',
      (p) => (app(p).readinessProbe = { tcpSocket: { host: 'db', port: 5432 } }),
      [B('host-probes')],
    ],
    [
      'startupProbe.httpGet.host',
      (p) => (app(p).startupProbe = { httpGet: { host: 'x', port: 80 } }),
      [B('host-probes')],
    ],
    [
      'lifecycle.postStart.httpGet.host',
      (p) => (app(p).lifecycle = { postStart: { httpGet: { host: 'x', port: 80 } } }),
      [B('host-probes')],
    ],
    [
      'lifecycle.preStop.tcpSocket.host',
      (p) => (app(p).lifecycle = { preStop: { tcpSocket: { host: 'x', port: 80 } } }),
      [B('host-probes')],
    ],
    [
      'initContainer probe host',
      (p) => (init(p).livenessProbe = { tcpSocket: { host: 'x', port: 80 } }),
      [B('host-probes')],
    ],
  ],
  AppArmor: [
    ['pod RuntimeDefault', (p) => (podSc(p).appArmorProfile = { type: 'RuntimeDefault' }), []],
    [
      'container Localhost',
      (p) => (app(p).securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'k8s-nginx' }),
      [],
    ],
    ['pod Unconfined', (p) => (podSc(p).appArmorProfile = { type: 'Unconfined' }), [B('apparmor')]],
    [
      'container Unconfined',
      (p) => (app(p).securityContext.appArmorProfile = { type: 'Unconfined' }),
      [B('apparmor')],
    ],
    [
      'ephemeralContainer Unconfined',
      (p) => (ephemeral(p).securityContext.appArmorProfile = { type: 'Unconfined' }),
      [B('apparmor')],
    ],
    [
      'annotation runtime/default',
      (p) => annotate(p, 'container.apparmor.security.beta.kubernetes.io/app', 'runtime/default'),
      [],
    ],
    [
      'annotation localhost/profile',
      (p) => annotate(p, 'container.apparmor.security.beta.kubernetes.io/app', 'localhost/k8s-nginx'),
      [],
    ],
    [
      'annotation unconfined',
      (p) => annotate(p, 'container.apparmor.security.beta.kubernetes.io/app', 'unconfined'),
      [B('apparmor')],
    ],
    ['unrelated annotation', (p) => annotate(p, 'example.com/apparmor', 'unconfined'), []],
  ],
  SELinux: [
    ...['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t', ''].map(
      (type): Case => [`type '${type}'`, (p) => (podSc(p).seLinuxOptions = { type }), []],
    ),
    ['level only', (p) => (app(p).securityContext.seLinuxOptions = { level: 's0:c123,c456' }), []],
    ['pod type spc_t', (p) => (podSc(p).seLinuxOptions = { type: 'spc_t' }), [B('selinux')]],
    [
      'container type spc_t',
      (p) => (app(p).securityContext.seLinuxOptions = { type: 'spc_t' }),
      [B('selinux')],
    ],
    [
      'initContainer user',
      (p) => (init(p).securityContext.seLinuxOptions = { user: 'system_u' }),
      [B('selinux')],
    ],
    ['pod role', (p) => (podSc(p).seLinuxOptions = { role: 'sysadm_r' }), [B('selinux')]],
  ],
  '/proc Mount Type': [
    ['procMount Default', (p) => (app(p).securityContext.procMount = 'Default'), []],
    ['procMount Unmasked', (p) => (app(p).securityContext.procMount = 'Unmasked'), [B('proc-mount')]],
    [
      'initContainer procMount Unmasked',
      (p) => (init(p).securityContext.procMount = 'Unmasked'),
      [B('proc-mount')],
    ],
  ],
  Seccomp: [
    [
      'pod Localhost',
      (p) => (podSc(p).seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' }),
      [],
    ],
    ['pod unset, every container RuntimeDefault', (p) => setContainerSeccompOnly(p), []],
    [
      'pod Unconfined',
      (p) => (podSc(p).seccompProfile = { type: 'Unconfined' }),
      [B('seccomp'), R('seccomp')],
    ],
    [
      'container Unconfined',
      (p) => (app(p).securityContext.seccompProfile = { type: 'Unconfined' }),
      [B('seccomp'), R('seccomp')],
    ],
    [
      'ephemeralContainer Unconfined',
      (p) => (ephemeral(p).securityContext.seccompProfile = { type: 'Unconfined' }),
      [B('seccomp'), R('seccomp')],
    ],
    ['pod unset, container unset', (p) => delete podSc(p).seccompProfile, [R('seccomp')]],
    [
      'pod unset, initContainer unset',
      (p) => {
        setContainerSeccompOnly(p);
        init(p);
      },
      [R('seccomp')],
    ],
  ],
  Sysctls: [
    ...[
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.ip_unprivileged_port_start',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_local_reserved_ports',
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
      'net.ipv4.tcp_rmem',
      'net.ipv4.tcp_wmem',
    ].map((name): Case => [`safe sysctl ${name}`, (p) => (podSc(p).sysctls = [{ name, value: '1' }]), []]),
    [
      'kernel.msgmax',
      (p) => (podSc(p).sysctls = [{ name: 'kernel.msgmax', value: '65536' }]),
      [B('sysctls')],
    ],
    [
      'net.core.somaxconn',
      (p) => (podSc(p).sysctls = [{ name: 'net.core.somaxconn', value: '1024' }]),
      [B('sysctls')],
    ],
  ],
  'Volume Types': [
    ...[
      'configMap',
      'csi',
      'downwardAPI',
      'emptyDir',
      'ephemeral',
      'persistentVolumeClaim',
      'projected',
      'secret',
    ].map((type): Case => [`${type} volume`, (p) => volume(p, { [type]: {} }), []]),
    ...[
      'gcePersistentDisk',
      'awsElasticBlockStore',
      'gitRepo',
      'nfs',
      'iscsi',
      'glusterfs',
      'rbd',
      'flexVolume',
      'cinder',
      'cephfs',
      'flocker',
      'fc',
      'azureFile',
      'vsphereVolume',
      'quobyte',
      'azureDisk',
      'portworxVolume',
      'scaleIO',
      'storageos',
    ].map((type): Case => [`${type} volume`, (p) => volume(p, { [type]: {} }), [R('volume-types')]]),
  ],
  'Privilege Escalation': [
    [
      'allowPrivilegeEscalation unset',
      (p) => delete app(p).securityContext.allowPrivilegeEscalation,
      [R('privilege-escalation')],
    ],
    [
      'allowPrivilegeEscalation true',
      (p) => (app(p).securityContext.allowPrivilegeEscalation = true),
      [R('privilege-escalation')],
    ],
    [
      'initContainer allowPrivilegeEscalation true',
      (p) => (init(p).securityContext.allowPrivilegeEscalation = true),
      [R('privilege-escalation')],
    ],
  ],
  'Running as Non-root': [
    ['pod unset, every container true', (p) => moveRunAsNonRootToContainers(p), []],
    [
      'pod true, container false',
      (p) => (app(p).securityContext.runAsNonRoot = false),
      [R('run-as-non-root')],
    ],
    ['pod false', (p) => (podSc(p).runAsNonRoot = false), [R('run-as-non-root')]],
    ['pod unset, container unset', (p) => delete podSc(p).runAsNonRoot, [R('run-as-non-root')]],
    [
      'pod unset, initContainer unset',
      (p) => {
        moveRunAsNonRootToContainers(p);
        init(p);
      },
      [R('run-as-non-root')],
    ],
    [
      'user namespace (hostUsers: false)',
      (p) => {
        delete podSc(p).runAsNonRoot;
        p.spec.hostUsers = false;
      },
      [],
    ],
  ],
  'Running as Non-root user': [
    ['runAsUser 1000', (p) => (podSc(p).runAsUser = 1000), []],
    ['pod runAsUser 0', (p) => (podSc(p).runAsUser = 0), [R('run-as-user')]],
    ['container runAsUser 0', (p) => (app(p).securityContext.runAsUser = 0), [R('run-as-user')]],
    [
      'ephemeralContainer runAsUser 0',
      (p) => (ephemeral(p).securityContext.runAsUser = 0),
      [R('run-as-user')],
    ],
    [
      'user namespace (hostUsers: false)',
      (p) => {
        podSc(p).runAsUser = 0;
        p.spec.hostUsers = false;
      },
      [],
    ],
  ],
  'Linux-only restricted controls on Windows pods': [
    [
      'windows pod without allowPrivilegeEscalation, seccomp or dropped capabilities',
      (p) => {
        p.spec.os = { name: 'windows' };
        delete podSc(p).seccompProfile;
        app(p).securityContext = {};
      },
      [],
    ],
  ],
};

function addCap(c: Container, cap: string): void {
  c.securityContext.capabilities = { drop: ['ALL'], add: [cap] };
}

function annotate(p: Pod, key: string, value: string): void {
  p.metadata.annotations = { ...p.metadata.annotations, [key]: value };
}

function setContainerSeccompOnly(p: Pod): void {
  delete podSc(p).seccompProfile;
  for (const c of p.spec.containers) c.securityContext.seccompProfile = { type: 'RuntimeDefault' };
}

function moveRunAsNonRootToContainers(p: Pod): void {
  delete podSc(p).runAsNonRoot;
  for (const c of p.spec.containers) c.securityContext.runAsNonRoot = true;
}

/** The pod as each kind Pod Security Admission checks carries it. */
function wrap(kind: string, pod: Pod): unknown {
  const template = { metadata: { ...pod.metadata, name: undefined, namespace: undefined }, spec: pod.spec };
  const meta = { name: 'app', namespace: 'default' };
  switch (kind) {
    case 'Pod':
      return pod;
    case 'CronJob':
      return {
        apiVersion: 'batch/v1',
        kind,
        metadata: meta,
        spec: { schedule: '@daily', jobTemplate: { spec: { template } } },
      };
    case 'Job':
      return { apiVersion: 'batch/v1', kind, metadata: meta, spec: { template } };
    case 'PodTemplate':
      return { apiVersion: 'v1', kind, metadata: meta, template };
    case 'ReplicationController':
      return { apiVersion: 'v1', kind, metadata: meta, spec: { template } };
    default:
      return { apiVersion: 'apps/v1', kind, metadata: meta, spec: { selector: {}, template } };
  }
}

const baseline = loadBuiltinSet('pss-baseline');
const restricted = loadBuiltinSet('pss-restricted');

const staticMessages = new Set(restricted.policies.flatMap((p) => p.validations.map((v) => v.message)));

function denials(set: typeof baseline, object: unknown): string[] {
  const denied = evaluatePolicies(set, { object }).filter((r) => r.decision.verdict === 'deny');
  for (const r of denied) {
    // Every violation is explained by its messageExpression, not the static fallback.
    for (const m of r.decision.messages)
      assert.ok(!staticMessages.has(m), `${r.policy}: messageExpression failed`);
  }
  return denied.map((r) => r.policy).sort();
}

test('the restricted starting pod passes both levels', () => {
  assert.deepEqual(denials(restricted, restrictedPod()), []);
  assert.equal(
    evaluatePolicies(restricted, { object: restrictedPod() }).length,
    18,
    'every control evaluates the pod',
  );
});

for (const [control, cases] of Object.entries(TABLE)) {
  test(`PSS control: ${control}`, () => {
    for (const [description, mutate, expected] of cases) {
      const pod = restrictedPod();
      mutate(pod);
      for (const kind of ['Pod', 'Deployment', 'CronJob']) {
        const object = wrap(kind, structuredClone(pod));
        const want = [...expected].sort();
        assert.deepEqual(
          denials(restricted, object),
          want,
          `${control} / ${description} / ${kind} at restricted`,
        );
        assert.deepEqual(
          denials(baseline, object),
          want.filter((p) => p.startsWith('pss-baseline-')),
          `${control} / ${description} / ${kind} at baseline`,
        );
      }
    }
  });
}

test('every workload kind Pod Security Admission covers is checked through its template', () => {
  const pod = restrictedPod();
  pod.spec.hostNetwork = true;
  for (const kind of [
    'Pod',
    'PodTemplate',
    'ReplicationController',
    'ReplicaSet',
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'Job',
    'CronJob',
  ]) {
    assert.deepEqual(
      denials(baseline, wrap(kind, structuredClone(pod))),
      ['pss-baseline-host-namespaces'],
      kind,
    );
  }
  // Other kinds are not pods.
  assert.deepEqual(
    denials(baseline, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { hostNetwork: true },
    }),
    [],
  );
});

test('violation messages name the offending containers and fields', () => {
  const pod = restrictedPod();
  pod.spec.hostNetwork = true;
  pod.spec.hostPID = true;
  app(pod).securityContext.privileged = true;
  addCap(init(pod), 'SYS_ADMIN');
  podSc(pod).sysctls = [
    { name: 'kernel.msgmax', value: '1' },
    { name: 'kernel.shm_rmid_forced', value: '1' },
  ];
  const messages = Object.fromEntries(
    evaluatePolicies(baseline, { object: pod })
      .filter((r) => r.decision.verdict === 'deny')
      .map((r) => [r.policy, r.decision.messages]),
  );
  assert.deepEqual(messages, {
    'pss-baseline-host-namespaces': ['host namespaces: hostNetwork=true, hostPID=true'],
    'pss-baseline-privileged': ['privileged: containers app must not set securityContext.privileged=true'],
    'pss-baseline-capabilities': [
      'capabilities: container init must not include SYS_ADMIN in securityContext.capabilities.add',
    ],
    'pss-baseline-sysctls': ['forbidden sysctls: kernel.msgmax'],
  });
});
