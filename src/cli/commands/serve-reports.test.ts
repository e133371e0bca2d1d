// PolicyReports of `tollgate serve --from-cluster`: admission results and the background scan, written to (a local
// fake of) the API server, with the scan run by the holder of the Lease.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/json.js';
import { FakeApiServer } from '../../cluster/testdata/fake-api-server.js';
import { eventually, kubeConfigFor } from '../../cluster/testdata/kube-test-helpers.js';
import { PolicyStore } from '../../server/policy-store.js';
import type { RunningWebhook } from '../../server/webhook-server.js';
import { startTestWebhook, testCerts as certs } from '../../server/testdata/test-webhook.js';
import { validateReview } from '../../server/testdata/https-call.js';
import { connectCluster, generatedResourceSink, outcomeHandler } from './serve.js';
import { startReportPipeline, type ReportPipeline } from './serve-reports.js';

const fixture = parse(readFileSync(new URL('./testdata/serve-reports.yaml', import.meta.url), 'utf8')) as {
  collections: Record<string, { listKind: string; apiVersion: string; items: JsonObject[] }>;
  discovery: Record<string, JsonObject>;
};
const api = new FakeApiServer(fixture.collections, fixture.discovery);
const dir = mkdtempSync(join(tmpdir(), 'tollgate-serve-reports-'));
const store = new PolicyStore([], () => {});
let hook: RunningWebhook;
let cluster: Awaited<ReturnType<typeof connectCluster>>;
let pipeline: ReportPipeline;
const REPORTS = '/apis/wgpolicyk8s.io/v1alpha2/policyreports';

beforeAll(async () => {
  cluster = await connectCluster(store, kubeConfigFor(await api.listen()));
  await eventually(() => expect(store.current?.policySet.policies.length).toBe(2));
  pipeline = startReportPipeline({
    store,
    log: () => {},
    intervalSeconds: 0.1,
    cluster: { ...cluster, writeReports: true, scanIntervalSeconds: 3600, scanInitialDelayMs: 0 },
  })!;
  hook = await startTestWebhook(store, dir, {
    cluster: cluster.reader,
    namespaces: cluster.namespace,
    onOutcome: outcomeHandler(pipeline, generatedResourceSink(cluster.kc)),
  });
});
afterAll(async () => {
  await hook.close();
  await pipeline.stop();
  cluster.stop();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

function admit(name: string, uid: string, dryRun: boolean): Promise<{ allowed: boolean }> {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop', uid }, spec: {} };
  return post({
    uid: `review-${name}`,
    kind: { group: '', version: 'v1', kind: 'Pod' },
    resource: { group: '', version: 'v1', resource: 'pods' },
    name,
    namespace: 'shop',
    operation: 'CREATE',
    userInfo: { username: 'system:serviceaccount:argocd:argocd-application-controller' },
    object: pod,
    oldObject: null,
    dryRun,
  });
}

function post(reviewRequest: JsonObject): Promise<{ allowed: boolean }> {
  const body = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: reviewRequest });
  return validateReview(hook.port, certs.caCert, body);
}

const reportNamed = (name: string) => api.items(REPORTS).find((r) => (r.metadata as JsonObject).name === name);

describe('serve --from-cluster PolicyReports', () => {
  it('writes a report for an admitted request, named by the object UID, and none for a dryRun request', async () => {
    expect((await admit('web', 'uid-web', false)).allowed).toBe(true);
    expect((await admit('dry', 'uid-dry', true)).allowed).toBe(true);
    await eventually(() => expect(reportNamed('uid-web')).toBeDefined(), 5000);
    expect(reportNamed('uid-web')).toMatchObject({
      metadata: { namespace: 'shop', labels: { 'app.kubernetes.io/managed-by': 'tollgate' } },
      scope: { kind: 'Pod', name: 'web', namespace: 'shop', uid: 'uid-web' },
      // Written by the webhook: the result came from an admission review, whatever the policy's `background`.
      results: [{ policy: 'require-team', rule: 'team', result: 'fail', properties: { process: 'admission review' } }],
      summary: { fail: 1 },
    });
    expect(reportNamed('uid-dry')).toBeUndefined();
  });

  it('creates what a generate rule produced for an admitted Namespace, after the response', async () => {
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-c', uid: 'uid-team-c' } };
    const answer = await post({
      uid: 'review-ns',
      kind: { group: '', version: 'v1', kind: 'Namespace' },
      resource: { group: '', version: 'v1', resource: 'namespaces' },
      name: 'team-c',
      namespace: '',
      operation: 'CREATE',
      userInfo: { username: 'system:serviceaccount:argocd:argocd-application-controller' },
      object: namespace,
      oldObject: null,
      dryRun: false,
    });
    expect(answer.allowed).toBe(true);
    await eventually(
      () =>
        expect(api.items('/api/v1/configmaps').map((o) => o.metadata)).toContainEqual(
          expect.objectContaining({ name: 'defaults', namespace: 'team-c' }),
        ),
      5000,
    );
    expect(
      api.items('/api/v1/configmaps').find((o) => (o.metadata as JsonObject).namespace === 'team-c'),
    ).toMatchObject({
      data: { owner: 'platform' },
      metadata: { labels: { 'generate.kyverno.io/policy-name': 'namespace-defaults' } },
    });
  });

  it('scans existing resources as the Lease holder and reports them', async () => {
    await eventually(() => expect(reportNamed('uid-legacy')).toBeDefined(), 5000);
    expect(reportNamed('uid-legacy')).toMatchObject({
      scope: { kind: 'Pod', name: 'legacy', uid: 'uid-legacy' },
      results: [{ policy: 'require-team', result: 'fail', properties: { process: 'background scan' } }],
    });
    expect(reportNamed('uid-labelled')).toMatchObject({ results: [{ result: 'pass' }] });
    const [lease] = api.items('/apis/coordination.k8s.io/v1/leases');
    expect(lease).toMatchObject({
      metadata: { name: 'tollgate-background-scan' },
      spec: { holderIdentity: expect.any(String) },
    });
  });
});
