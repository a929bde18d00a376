// The manifests the policy benchmarks evaluate: a Deployment as teams write them.

/** A typical Deployment (two containers, probes, resources, env from a Secret); every 7th privileged. */
export function deployment(i: number): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: `web-${i}`,
      namespace: `ns-${i % 50}`,
      labels: { 'app.kubernetes.io/name': 'web', team: 'shop' },
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' }, annotations: { 'prometheus.io/scrape': 'true' } },
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          volumes: [
            { name: 'config', configMap: { name: 'web' } },
            { name: 'tmp', emptyDir: {} },
          ],
          containers: [
            {
              name: 'app',
              image: `registry.example.com/shop/web:1.${i % 20}.0`,
              ports: [{ containerPort: 8080, name: 'http' }],
              env: [
                { name: 'LOG_LEVEL', value: 'info' },
                { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
              ],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
              livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
              volumeMounts: [{ name: 'config', mountPath: '/etc/web' }],
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
            { name: 'proxy', image: 'nginx:1.27', securityContext: { privileged: i % 7 === 0 } },
          ],
        },
      },
    },
  };
}
