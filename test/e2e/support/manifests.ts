// Manifests the e2e scenarios send with kubectl, as JSON text.

/** A one-container Pod in `namespace` with `labels`. */
export function podManifest(name: string, namespace: string, labels: Record<string, string> = {}): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'app', image: 'registry.example/app:1.0' }] },
  });
}
