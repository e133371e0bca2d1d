// `tollgate serve --from-cluster` behind a real kube-apiserver, registered with the configurations
// `tollgate webhook-config` prints: what kubectl (and Argo CD, which shows the same text as its sync error) gets
// for Enforce, Audit, mutate, generate, dry runs, cluster policies and exceptions.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster/cluster.mjs';
import { kubectlResult, registerWebhooks, startServe, tollgate, type RunningServe } from './support/tollgate.js';
import { podManifest } from './support/manifests.js';
import { eventually } from './support/eventually.js';

const fixtures = fileURLToPath(new URL('./fixtures/admission/', import.meta.url));
const policies = join(fixtures, 'policies.yaml');
const NS = 'e2e-admission';

let cluster: Cluster;
let serve: RunningServe;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-admission-'));

beforeAll(async () => {
  cluster = await startCluster();
  serve = await startServe(cluster, { dir, policies: [policies], fromCluster: true });
  await registerWebhooks(cluster, serve, [policies], ['--failure-policy', 'Fail']);
  await cluster.kubectl(['create', 'namespace', NS]);
});

afterAll(async () => {
  if (process.env.TOLLGATE_E2E_LOGS) writeFileSync(process.env.TOLLGATE_E2E_LOGS, serve?.logs() ?? '');
  await serve?.stop();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const pod = (name: string, labels: Record<string, string> = {}) => podManifest(name, NS, labels);

const deployment = (name: string) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, team: 'shop' } },
        spec: { containers: [{ name: 'app', image: 'registry.example/app:1.0' }] },
      },
    },
  });

// Kyverno's denial, as kubectl prints it for `apply -f -`.
const denied = (name: string) =>
  'Error from server: error when creating "STDIN": admission webhook "validate.tollgate.svc" denied the request: ' +
  `\n\nresource Pod/${NS}/${name} was blocked due to the following policies \n\nrequire-team-label:\n` +
  "  check-team: 'validation error: label ''team'' is required. rule check-team failed\n" +
  "    at path /metadata/labels/team/'\n";

describe('Enforce', () => {
  it('rejects a violating Pod with the message kubectl prints (Argo CD shows it as the sync error)', async () => {
    const r = await kubectlResult(cluster, ['apply', '-f', '-'], pod('unlabelled'));
    expect(r.ok).toBe(false);
    expect(r.stderr).toBe(denied('unlabelled'));
  });

  it('creates a compliant Pod', async () => {
    const r = await kubectlResult(cluster, ['apply', '-f', '-'], pod('labelled', { team: 'shop' }));
    expect(r).toMatchObject({ ok: true, stdout: 'pod/labelled created\n' });
  });
});

describe('Audit', () => {
  it('admits with the warning kubectl shows, writes a PolicyReport, and report --cluster exits 1', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: NS } };
    const r = await kubectlResult(cluster, ['apply', '-f', '-'], JSON.stringify(cm));
    expect(r).toMatchObject({ ok: true, stdout: 'configmap/settings created\n' });
    expect(r.stderr).toBe(
      "Warning: policy audit-owner.check-owner: validation error: annotation 'owner' is recommended. rule " +
        'check-owner failed at path /metadata/annotations/owner/\n',
    );
    const uid = (await cluster.kubectl(['get', 'configmap', 'settings', '-n', NS, '-o', 'jsonpath={.metadata.uid}']))
      .stdout;
    const report = await eventually(async () => {
      const got = await kubectlResult(cluster, ['get', 'policyreport', uid, '-n', NS, '-o', 'json']);
      return got.ok ? (JSON.parse(got.stdout) as { results: { policy: string; result: string }[] }) : undefined;
    });
    expect(report.results).toContainEqual(expect.objectContaining({ policy: 'audit-owner', result: 'fail' }));
    const summary = tollgate(['report', '--cluster', '--failures-only', '--exit-on-violations'], cluster.env);
    expect(summary.status).toBe(1);
    expect(summary.stdout).toMatch(/audit-owner/);
  });
});

describe('Mutate', () => {
  it('injects defaults, and server-side apply of the same manifest twice neither conflicts nor leaves a diff', async () => {
    const apply = ['apply', '--server-side', '--field-manager=argocd-controller', '-f', '-'];
    expect((await cluster.kubectl(apply, deployment('web'))).stdout).toBe('deployment.apps/web serverside-applied\n');
    const tier = await cluster.kubectl([
      'get',
      'deployment',
      'web',
      '-n',
      NS,
      '-o',
      'jsonpath={.spec.template.metadata.labels.tier}',
    ]);
    expect(tier.stdout).toBe('backend');
    expect((await cluster.kubectl(apply, deployment('web'))).stdout).toBe('deployment.apps/web serverside-applied\n');
    const diff = await kubectlResult(
      cluster,
      ['diff', '--server-side', '--field-manager=argocd-controller', '-f', '-'],
      deployment('web'),
    );
    expect(diff).toMatchObject({ ok: true, stdout: '' });
  });
});

describe('Generate', () => {
  it('gives a new Namespace its ResourceQuota', async () => {
    await cluster.kubectl(['create', 'namespace', 'e2e-gen-a']);
    const quota = await eventually(async () => {
      const got = await kubectlResult(cluster, [
        'get',
        'resourcequota',
        'default-quota',
        '-n',
        'e2e-gen-a',
        '-o',
        'json',
      ]);
      return got.ok ? JSON.parse(got.stdout) : undefined;
    });
    expect(quota.spec.hard).toEqual({ pods: '10' });
    expect(quota.metadata.labels['generate.kyverno.io/policy-name']).toBe('namespace-quota');
  });
});

describe('Dry run', () => {
  it.each([
    ['client-side apply', ['apply', '--dry-run=server', '-f', '-']],
    ["server-side apply (Argo CD's server-side diff)", ['apply', '--server-side', '--dry-run=server', '-f', '-']],
  ])('%s gets the same verdict', async (_name, args) => {
    const r = await kubectlResult(cluster, args, pod('dry'));
    expect(r.ok).toBe(false);
    expect(r.stderr).toMatch(/denied the request: \n\nresource Pod\/e2e-admission\/dry was blocked/);
    expect((await kubectlResult(cluster, args, pod('dry', { team: 'shop' }))).ok).toBe(true);
  });

  it('generates nothing and reports nothing for a dry run; the same request for real does both', async () => {
    await cluster.kubectl(['create', 'namespace', 'e2e-gen-dry']);
    await eventually(
      async () =>
        (await kubectlResult(cluster, ['get', 'resourcequota', 'default-quota', '-n', 'e2e-gen-dry'])).ok || undefined,
    );
    await cluster.kubectl(['delete', 'resourcequota', 'default-quota', '-n', 'e2e-gen-dry']);
    await cluster.kubectl(['label', 'namespace', 'e2e-gen-dry', 'touched=yes', '--dry-run=server']);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry-settings', namespace: NS } };
    await cluster.kubectl(['apply', '--dry-run=server', '-f', '-'], JSON.stringify(cm));
    // Reports are written every second and generated objects right after the response: give both time.
    await new Promise((r) => setTimeout(r, 4000));
    expect((await kubectlResult(cluster, ['get', 'resourcequota', 'default-quota', '-n', 'e2e-gen-dry'])).ok).toBe(
      false,
    );
    const reports = JSON.parse((await cluster.kubectl(['get', 'policyreports', '-n', NS, '-o', 'json'])).stdout);
    const names = reports.items.map((r: { scope?: { name?: string } }) => r.scope?.name);
    expect(names).not.toContain('dry-settings');
    // The control: the same update for real brings the quota back.
    await cluster.kubectl(['label', 'namespace', 'e2e-gen-dry', 'touched=yes']);
    await eventually(
      async () =>
        (await kubectlResult(cluster, ['get', 'resourcequota', 'default-quota', '-n', 'e2e-gen-dry'])).ok || undefined,
    );
  });
});

describe('Policies from the cluster', () => {
  const clusterPolicy = (spec: string) => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: require-app-label
spec:
  ${spec}: Enforce
  background: false
  rules:
    - name: check-app
      match:
        any:
          - resources:
              kinds: [Pod]
              namespaces: [e2e-*]
      validate:
        message: "label 'app' is required"
        pattern:
          metadata:
            labels:
              app: "?*"
`;

  it('refuses an invalid policy at apply, with the error check reports', async () => {
    const r = await kubectlResult(cluster, ['apply', '-f', '-'], clusterPolicy('validationFailureActoin'));
    expect(r.ok).toBe(false);
    expect(r.stderr).toContain(
      'admission webhook "validate-policy.tollgate.svc" denied the request: policy require-app-label: unknown field ' +
        'spec.validationFailureActoin (did you mean validationFailureAction?)',
    );
  });

  it('enforces a ClusterPolicy applied with kubectl within seconds, and marks it Ready', async () => {
    // Server-side dry runs: each attempt reaches the webhook (an apply without changes would not).
    const attempt = () =>
      kubectlResult(cluster, ['apply', '--dry-run=server', '-f', '-'], pod('no-app', { team: 'shop' }));
    expect((await attempt()).ok).toBe(true);
    await cluster.kubectl(['apply', '-f', '-'], clusterPolicy('validationFailureAction'));
    const started = Date.now();
    await eventually(async () => {
      const r = await attempt();
      return !r.ok && r.stderr.includes('require-app-label') ? r : undefined;
    });
    expect(Date.now() - started).toBeLessThan(5000);
    const ready = await eventually(async () => {
      const got = await cluster.kubectl([
        'get',
        'clusterpolicy',
        'require-app-label',
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Ready")].status}',
      ]);
      return got.stdout === 'True' ? got.stdout : undefined;
    });
    expect(ready).toBe('True');
    await cluster.kubectl(['delete', 'clusterpolicy', 'require-app-label']);
    await eventually(async () => (await attempt()).ok || undefined);
  });
});

describe('Exceptions', () => {
  const exception = (name: string, pod: string, expires?: string) => `apiVersion: kyverno.io/v2
kind: PolicyException
metadata:
  name: ${name}
  namespace: ${NS}
  ${expires ? `annotations: { tollgate.dev/expires: "${expires}" }` : ''}
spec:
  exceptions:
    - policyName: require-team-label
      ruleNames: [check-team]
  match:
    any:
      - resources:
          kinds: [Pod]
          namespaces: [${NS}]
          names: [${pod}]
`;

  it('lets the one named resource through, and no longer once expired', async () => {
    await cluster.kubectl(['apply', '-f', '-'], exception('allow-legacy', 'legacy'));
    await cluster.kubectl(['apply', '-f', '-'], exception('allow-old', 'old', '2020-01-01T00:00:00Z'));
    await eventually(async () => (await kubectlResult(cluster, ['apply', '-f', '-'], pod('legacy'))).ok || undefined);
    expect((await kubectlResult(cluster, ['apply', '-f', '-'], pod('other'))).stderr).toBe(denied('other'));
    const expired = await kubectlResult(cluster, ['apply', '-f', '-'], pod('old'));
    // Tollgate names the exception that no longer applies, and since when.
    expect(expired.stderr.replace(/\s+/g, ' ')).toContain(
      "rule check-team failed at path /metadata/labels/team/ (policy exception e2e-admission/allow-old expired on 2020-01-01T00:00:00.000Z)'",
    );
  });

  it('stops applying an exception once an annotation says it has expired (no new generation)', async () => {
    await cluster.kubectl(['apply', '-f', '-'], exception('allow-temp', 'temp'));
    const attempt = () => kubectlResult(cluster, ['apply', '--dry-run=server', '-f', '-'], pod('temp'));
    await eventually(async () => (await attempt()).ok || undefined);
    await cluster.kubectl([
      'annotate',
      'policyexception',
      'allow-temp',
      '-n',
      NS,
      'tollgate.dev/expires=2020-01-01T00:00:00Z',
    ]);
    await eventually(async () => {
      const r = await attempt();
      return !r.ok && r.stderr.includes('allow-temp expired') ? r : undefined;
    });
  });
});
