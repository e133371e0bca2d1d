// deploy/: each Kustomize overlay renders, sets the webhook failure policy it promises, and
// Tollgate's own manifests pass Tollgate's starter policies.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../engine/ports.js';
import { checkCommand } from './commands/check.js';
import { webhookConfigCommand } from './commands/webhook-config.js';

type Doc = Record<string, any>;

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const starter = here('../../policies/starter');
const clock = fixedClock(new Date('2026-06-01T00:00:00Z'));

// `kubectl kustomize DIR` or, without kubectl, `kustomize build DIR`.
const renderers: [string, string[]][] = [
  ['kubectl', ['kustomize']],
  ['kustomize', ['build']],
];
const renderer = renderers.find(([tool]) => spawnSync(tool, ['version', '--client'], { stdio: 'ignore' }).status === 0);
const noRenderer = !renderer;
// Shown in the suite titles, so a skipped run says why.
const skipNote = noRenderer ? ' (skipped: neither kubectl nor kustomize is installed to render the overlays)' : '';

function render(overlay: string): string {
  const [tool, args] = renderer!;
  const r = spawnSync(tool, [...args, here(`../../deploy/overlays/${overlay}`)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} ${overlay} failed: ${r.stderr}`);
  return r.stdout;
}

const docsOf = (text: string): Doc[] => parseAllDocuments(text).map((d) => d.toJSON() as Doc);
const find = (docs: Doc[], kind: string, name: string) => {
  const doc = docs.find((d) => d.kind === kind && d.metadata?.name === name);
  if (!doc) throw new Error(`${kind}/${name} is not in the rendered output`);
  return doc;
};

const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Run `tollgate check --policies policies/starter` over a directory holding the manifests.
function checkStarter(docs: Doc[]) {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-deploy-'));
  tmp.push(dir);
  writeFileSync(join(dir, 'tollgate.yaml'), docs.map((d) => stringify(d)).join('---\n'));
  const r = checkCommand(dir, { policies: [starter], output: 'json' }, clock, 'test');
  return { exitCode: r.exitCode, ...JSON.parse(r.output) };
}

const WEBHOOKS = [
  'ValidatingWebhookConfiguration/tollgate-validate',
  'MutatingWebhookConfiguration/tollgate-mutate',
  'ValidatingWebhookConfiguration/tollgate-validate-policy',
];

// What `tollgate webhook-config` derives from the starter policies: the base's rules must stay equal to it.
const derived = docsOf(
  webhookConfigCommand({
    policies: [starter],
    service: 'tollgate-system/tollgate',
    injectCaFrom: 'tollgate-system/tollgate-serving',
    failurePolicy: 'Ignore',
  }).yaml,
);

describe.each([
  { overlay: 'fail-open', failurePolicy: 'Ignore', timeoutSeconds: 5 },
  { overlay: 'fail-closed', failurePolicy: 'Fail', timeoutSeconds: 10 },
  { overlay: 'cert-manager', failurePolicy: 'Ignore', timeoutSeconds: 5 },
])(`deploy/overlays/$overlay${skipNote}`, ({ overlay, failurePolicy, timeoutSeconds }) => {
  const docs = noRenderer ? [] : docsOf(render(overlay));

  it.skipIf(noRenderer).each(WEBHOOKS)(`%s has failurePolicy ${failurePolicy}`, (ref) => {
    const [kind, name] = ref.split('/');
    const hooks = find(docs, kind, name).webhooks;
    expect(hooks).toHaveLength(1);
    expect(hooks[0].failurePolicy).toBe(failurePolicy);
    expect(hooks[0].timeoutSeconds).toBe(timeoutSeconds);
  });

  it.skipIf(noRenderer)('tells Tollgate the webhook timeout, so its evaluation budget stays below it', () => {
    const env = find(docs, 'Deployment', 'tollgate').spec.template.spec.containers[0].env as Doc[];
    expect(env.find((e) => e.name === 'TOLLGATE_WEBHOOK_TIMEOUT')?.value).toBe(String(timeoutSeconds));
  });

  it.skipIf(noRenderer).each(WEBHOOKS)('%s is scoped as documented', (ref) => {
    const [kind, name] = ref.split('/');
    const hook = find(docs, kind, name).webhooks[0];
    expect(hook.admissionReviewVersions).toEqual(['v1']);
    expect(hook.sideEffects).toBe('NoneOnDryRun');
    expect(hook.clientConfig.service).toMatchObject({ name: 'tollgate', namespace: 'tollgate-system', port: 443 });
    expect(hook.namespaceSelector.matchExpressions).toEqual([
      { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['tollgate-system', 'kube-system'] },
    ]);
    // Regenerate base/*-webhook.yaml with `tollgate webhook-config --policies policies/starter` when this fails.
    expect(hook.rules).toEqual(find(derived, kind, name).webhooks[0].rules);
  });

  it.skipIf(noRenderer)("passes Tollgate's starter policies", () => {
    const report = checkStarter(docs);
    expect(report.errors).toEqual([]);
    expect(report.results.filter((r: Doc) => r.result !== 'pass' && r.result !== 'skip')).toEqual([]);
    expect(report.exitCode).toBe(0);
    // Not vacuous: the workload rules really evaluated the Deployment (Pod rules via autogen).
    const passed = report.results
      .filter((r: Doc) => r.result === 'pass' && r.resource.kind === 'Deployment')
      .map((r: Doc) => r.policy);
    expect(new Set(passed)).toEqual(
      new Set(['require-ownership-labels', 'require-resource-limits', 'restrict-image-registries']),
    );
  });
});

describe(`deploy/overlays/cert-manager${skipNote}`, () => {
  const docs = noRenderer ? [] : docsOf(render('cert-manager'));

  it.skipIf(noRenderer).each(WEBHOOKS)("%s gets its CA from cert-manager's injector", (ref) => {
    const [kind, name] = ref.split('/');
    const config = find(docs, kind, name);
    expect(config.metadata.annotations['cert-manager.io/inject-ca-from']).toBe('tollgate-system/tollgate-serving');
    expect(config.webhooks[0].clientConfig.caBundle).toBeUndefined();
  });

  it.skipIf(noRenderer)('issues the serving certificate into the Secret the Deployment mounts', () => {
    const serving = find(docs, 'Certificate', 'tollgate-serving');
    const volumes = find(docs, 'Deployment', 'tollgate').spec.template.spec.volumes as Doc[];
    expect(volumes.find((v) => v.name === 'tls')?.secret.secretName).toBe(serving.spec.secretName);
    expect(serving.spec.dnsNames).toContain('tollgate.tollgate-system.svc');
    expect(find(docs, 'Issuer', serving.spec.issuerRef.name).spec.ca.secretName).toBe(
      find(docs, 'Certificate', 'tollgate-ca').spec.secretName,
    );
  });
});

describe(`the Tollgate Deployment${skipNote}`, () => {
  const docs = noRenderer ? [] : docsOf(render('fail-open'));

  it.skipIf(noRenderer)('fails the starter policies once an ownership label is dropped (control)', () => {
    const broken = docs.map((d) => structuredClone(d));
    delete find(broken, 'Deployment', 'tollgate').metadata.labels['cost-centre'];
    const failing = checkStarter(broken).results.filter((r: Doc) => r.result === 'fail');
    expect(failing.map((r: Doc) => `${r.policy} ${r.resource.kind}/${r.resource.name}`)).toEqual([
      'require-ownership-labels Deployment/tollgate',
    ]);
  });

  it.skipIf(noRenderer).each([
    ['replicas', (d: Doc) => d.spec.replicas, 2],
    [
      'image from kustomization images:, pinned',
      (d: Doc) => d.spec.template.spec.containers[0].image,
      'registry.acme.example/platform/tollgate:0.1.0',
    ],
    ['pod runAsNonRoot', (d: Doc) => d.spec.template.spec.securityContext.runAsNonRoot, true],
    ['seccomp', (d: Doc) => d.spec.template.spec.securityContext.seccompProfile.type, 'RuntimeDefault'],
    [
      'readOnlyRootFilesystem',
      (d: Doc) => d.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem,
      true,
    ],
    [
      'allowPrivilegeEscalation',
      (d: Doc) => d.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation,
      false,
    ],
    [
      'drops ALL capabilities',
      (d: Doc) => d.spec.template.spec.containers[0].securityContext.capabilities.drop,
      ['ALL'],
    ],
    [
      'readiness on /readyz over HTTPS',
      (d: Doc) => d.spec.template.spec.containers[0].readinessProbe.httpGet,
      { path: '/readyz', port: 'https', scheme: 'HTTPS' },
    ],
    [
      'liveness on /healthz over HTTPS',
      (d: Doc) => d.spec.template.spec.containers[0].livenessProbe.httpGet,
      { path: '/healthz', port: 'https', scheme: 'HTTPS' },
    ],
    [
      'TLS Secret',
      (d: Doc) => d.spec.template.spec.volumes.find((v: Doc) => v.name === 'tls').secret.secretName,
      'tollgate-tls',
    ],
    [
      'TLS mounted read-only',
      (d: Doc) => d.spec.template.spec.containers[0].volumeMounts.find((m: Doc) => m.name === 'tls').readOnly,
      true,
    ],
  ] as const)('%s', (_what, get, expected) => {
    expect(get(find(docs, 'Deployment', 'tollgate'))).toEqual(expected);
  });

  it.skipIf(noRenderer)('is reached through Service port 443 and kept available by a PDB', () => {
    expect(find(docs, 'Service', 'tollgate').spec.ports).toEqual([
      { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' },
    ]);
    expect(find(docs, 'Deployment', 'tollgate').spec.template.spec.containers[0].ports[0]).toMatchObject({
      name: 'https',
      containerPort: 9443,
    });
    expect(find(docs, 'PodDisruptionBudget', 'tollgate').spec.minAvailable).toBe(1);
  });

  it.skipIf(noRenderer)('gets least-privilege RBAC without wildcards', () => {
    const rules = docs.filter((d) => d.kind === 'ClusterRole' || d.kind === 'Role').flatMap((d) => d.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules)
      for (const field of ['apiGroups', 'resources', 'verbs']) expect(r[field] ?? []).not.toContain('*');
  });
});
