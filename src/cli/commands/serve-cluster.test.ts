// `tollgate serve --from-cluster`: policies and namespace labels come from (a local fake of) the API server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/json.js';
import { FakeApiServer } from '../../cluster/testdata/fake-api-server.js';
import { eventually, kubeConfigFor } from '../../cluster/testdata/kube-test-helpers.js';
import { PolicyStore } from '../../server/policy-store.js';
import type { RunningWebhook } from '../../server/webhook-server.js';
import { startTestWebhook, testCerts as certs } from '../../server/testdata/test-webhook.js';
import { validateReview } from '../../server/testdata/https-call.js';
import { connectCluster } from './serve.js';

const policy = (action: string): JsonObject => ({
  apiVersion: 'kyverno.io/v1',
  kind: 'ClusterPolicy',
  metadata: { name: 'require-team', resourceVersion: '1' },
  spec: {
    validationFailureAction: action,
    rules: [
      {
        name: 'team',
        match: { any: [{ resources: { kinds: ['Pod'], namespaceSelector: { matchLabels: { env: 'prod' } } } }] },
        validate: { message: 'team label required', pattern: { metadata: { labels: { team: '?*' } } } },
      },
    ],
  },
});
const list = (listKind: string, apiVersion: string, items: JsonObject[]) => ({ listKind, apiVersion, items });
const api = new FakeApiServer({
  '/apis/kyverno.io/v1/clusterpolicies': list('ClusterPolicyList', 'kyverno.io/v1', [policy('Enforce')]),
  '/apis/kyverno.io/v1/policies': list('PolicyList', 'kyverno.io/v1', []),
  '/apis/kyverno.io/v2/policyexceptions': list('PolicyExceptionList', 'kyverno.io/v2', []),
  '/api/v1/namespaces': list('NamespaceList', 'v1', [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { env: 'prod' }, resourceVersion: '2' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sandbox', resourceVersion: '3' } },
  ]),
  '/api/v1/configmaps': list('ConfigMapList', 'v1', []),
});
const dir = mkdtempSync(join(tmpdir(), 'tollgate-serve-cluster-'));
const store = new PolicyStore([], () => {});
let hook: RunningWebhook;
let cluster: Awaited<ReturnType<typeof connectCluster>>;

beforeAll(async () => {
  cluster = await connectCluster(store, kubeConfigFor(await api.listen()));
  await eventually(() => expect(store.current?.policySet.policies.length).toBe(1));
  hook = await startTestWebhook(store, dir, {
    cluster: cluster.reader,
    namespaces: cluster.namespace,
  });
});
afterAll(async () => {
  await hook.close();
  cluster.stop();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

function review(namespace: string): string {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
  };
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `u-${namespace}`,
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      name: 'web',
      namespace,
      operation: 'CREATE',
      userInfo: { username: 'dev' },
      object: pod,
      oldObject: null,
      dryRun: false,
    },
  });
}

function validate(namespace: string): Promise<{ allowed: boolean }> {
  return validateReview(hook.port, certs.caCert, review(namespace));
}

describe('serve with policies from the cluster', () => {
  it('enforces a ClusterPolicy read from the API server, using namespace labels from it', async () => {
    expect((await validate('shop')).allowed).toBe(false);
    expect((await validate('sandbox')).allowed).toBe(true);
  });

  it('follows policy changes through the watch', async () => {
    api.emit('/apis/kyverno.io/v1/clusterpolicies', 'MODIFIED', {
      ...policy('Audit'),
      metadata: { name: 'require-team', resourceVersion: '20' },
    });
    // The watch is debounced: poll until the Audit version is in force.
    let allowed = false;
    for (let i = 0; i < 40 && !allowed; i++) {
      await new Promise((r) => setTimeout(r, 50));
      allowed = (await validate('shop')).allowed;
    }
    expect(allowed).toBe(true);
  });
});
