// Generated workloads for the evaluation benchmarks: a mix of compliant and violating Pods (even i) and
// Deployments (odd i), deterministic in i.

/** The Pod part of workload i. */
export function generatePod(i) {
  const privileged = i % 7 === 0;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `app-${i}`, namespace: `team-${i % 20}`, labels: { app: `app-${i}` } },
    spec: {
      hostNetwork: i % 11 === 0,
      securityContext: { runAsNonRoot: i % 3 !== 0, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'app',
          image: `ghcr.io/acme/app-${i % 50}:1.${i % 10}.0`,
          securityContext: { privileged, allowPrivilegeEscalation: i % 5 === 0, capabilities: { drop: ['ALL'] } },
          ports: [{ containerPort: 8080 }],
        },
        { name: 'sidecar', image: 'envoyproxy/envoy:v1.30.0' },
      ],
      volumes: i % 13 === 0 ? [{ name: 'h', hostPath: { path: '/var/run' } }] : [{ name: 'e', emptyDir: {} }],
    },
  };
}

/** Workload i: a Pod for even i, a Deployment wrapping the same Pod spec for odd i. */
export function generateWorkload(i) {
  const pod = generatePod(i);
  if (i % 2 === 0) return pod;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: pod.metadata,
    spec: {
      replicas: 2,
      selector: { matchLabels: pod.metadata.labels },
      template: { metadata: { labels: pod.metadata.labels }, spec: pod.spec },
    },
  };
}
