// `tollgate webhook-config`: configurations the API server accepts (checked against Kubernetes' own OpenAPI schema),
// with rules derived from what the policies match, and one actionable line for every bad input.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import openapi from '../webhook-config/testdata/admissionregistration-v1.schema.json' with { type: 'json' };
import { main } from './main.js';
import { captureOutput } from './testdata/capture-output.js';

const dir = fileURLToPath(new URL('./testdata/webhook-config/', import.meta.url));
const starter = fileURLToPath(new URL('../../policies/starter/', import.meta.url));
const ca = `${dir}ca.crt`;
const tmp = mkdtempSync(join(tmpdir(), 'tollgate-webhook-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const output = captureOutput();

// Kubernetes' OpenAPI schemas as JSON Schema: component references resolved in place, and unknown fields rejected
// (what the API server's strict field validation does; the published schemas leave objects open).
function strict(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(strict);
  if (typeof s !== 'object' || s === null) return s;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$ref') out[k] = String(v).replace('#/components/schemas/', '#/definitions/');
    else if (k === 'properties')
      out[k] = Object.fromEntries(Object.entries(v as object).map(([p, ps]) => [p, strict(ps)]));
    else out[k] = strict(v);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'k8s', definitions: strict(openapi.schemas) as object });
const validators = {
  ValidatingWebhookConfiguration: ajv.getSchema(
    'k8s#/definitions/io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration',
  )!,
  MutatingWebhookConfiguration: ajv.getSchema(
    'k8s#/definitions/io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration',
  )!,
};

interface Rule {
  apiGroups: string[];
  apiVersions: string[];
  resources: string[];
  operations: string[];
  scope: string;
}
interface Webhook {
  name: string;
  clientConfig: {
    url?: string;
    service?: { namespace: string; name: string; port: number; path: string };
    caBundle?: string;
  };
  rules: Rule[];
  failurePolicy: string;
  matchPolicy: string;
  sideEffects: string;
  timeoutSeconds: number;
  reinvocationPolicy?: string;
  namespaceSelector: { matchExpressions: { key: string; operator: string; values: string[] }[] };
}
interface Configuration {
  kind: keyof typeof validators;
  metadata: { name: string; annotations?: Record<string, string> };
  webhooks: Webhook[];
}

async function generate(argv: string[]): Promise<Configuration[]> {
  expect(await main(['webhook-config', ...argv])).toBe(0);
  const docs = parseAllDocuments(output.out).map((d) => d.toJS() as Configuration);
  for (const doc of docs) {
    const validate = validators[doc.kind];
    expect(validate, doc.kind).toBeDefined();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    // Enumerations the API server checks that the published schema leaves to its descriptions.
    for (const w of doc.webhooks) {
      expect(['Ignore', 'Fail']).toContain(w.failurePolicy);
      expect(['Exact', 'Equivalent']).toContain(w.matchPolicy);
      expect(['None', 'NoneOnDryRun']).toContain(w.sideEffects);
      expect(w.timeoutSeconds).toBeGreaterThanOrEqual(1);
      expect(w.timeoutSeconds).toBeLessThanOrEqual(30);
      if (w.reinvocationPolicy !== undefined) expect(['Never', 'IfNeeded']).toContain(w.reinvocationPolicy);
      for (const r of w.rules) {
        expect(['*', 'Cluster', 'Namespaced']).toContain(r.scope);
        for (const op of r.operations) expect(['*', 'CREATE', 'UPDATE', 'DELETE', 'CONNECT']).toContain(op);
      }
    }
  }
  return docs;
}

// Whether a webhook's rules send a request for this group, version, resource and operation.
function sends(w: Webhook | undefined, group: string, version: string, resource: string, op: string): boolean {
  return (w?.rules ?? []).some(
    (r) =>
      (r.apiGroups.includes(group) || r.apiGroups.includes('*')) &&
      (r.apiVersions.includes(version) || r.apiVersions.includes('*')) &&
      (r.resources.includes(resource) || r.resources.includes('*')) &&
      (r.operations.includes(op) || r.operations.includes('*')),
  );
}

describe('tollgate webhook-config', () => {
  it('derives the rules of both webhooks from the starter policies, Service endpoint and CA bundle', async () => {
    const [validating, mutating, policies] = await generate([
      '--policies',
      starter,
      '--service',
      'tollgate-system/tollgate',
      '--ca-bundle',
      ca,
    ]);
    expect(validating.kind).toBe('ValidatingWebhookConfiguration');
    expect(mutating.kind).toBe('MutatingWebhookConfiguration');
    const [v] = validating.webhooks;
    const [m] = mutating.webhooks;
    expect(v.clientConfig.service).toEqual({
      namespace: 'tollgate-system',
      name: 'tollgate',
      port: 443,
      path: '/validate',
    });
    expect(m.clientConfig.service?.path).toBe('/mutate');
    expect(Buffer.from(v.clientConfig.caBundle!, 'base64').toString()).toBe(readFileSync(ca, 'utf8'));
    // Pod rules reach Pods and, through autogen, their controllers; the namespace generate rule reaches Namespaces.
    for (const [group, resource] of [
      ['', 'pods'],
      ['apps', 'deployments'],
      ['apps', 'statefulsets'],
      ['batch', 'cronjobs'],
    ]) {
      expect(sends(v, group, 'v1', resource, 'CREATE'), resource).toBe(true);
      expect(sends(m, group, 'v1', resource, 'CREATE'), resource).toBe(true);
    }
    expect(sends(v, '', 'v1', 'namespaces', 'CREATE')).toBe(true);
    expect(sends(v, '', 'v1', 'configmaps', 'CREATE')).toBe(false);
    expect(sends(m, '', 'v1', 'pods', 'DELETE')).toBe(false);
    for (const w of [v, m]) {
      expect(w.sideEffects).toBe('NoneOnDryRun');
      expect(w.failurePolicy).toBe('Ignore');
      expect(w.timeoutSeconds).toBe(10);
      expect(w.namespaceSelector.matchExpressions).toEqual([
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['tollgate-system', 'kube-system'] },
      ]);
    }
    // Policies sent to the cluster go to /validate-policy, every kind the engine loads.
    expect(policies.metadata.name).toBe('tollgate-validate-policy');
    expect(policies.webhooks[0].clientConfig.service?.path).toBe('/validate-policy');
    expect(sends(policies.webhooks[0], 'kyverno.io', 'v1', 'clusterpolicies', 'CREATE')).toBe(true);
    expect(sends(policies.webhooks[0], 'policies.kyverno.io', 'v1', 'validatingpolicies', 'UPDATE')).toBe(true);
    expect(output.err).toBe('');
  });

  it('takes a URL, a failure policy, a timeout and more excluded namespaces, and says which serve timeout goes with it', async () => {
    const [v, m] = await generate([
      '--policies',
      starter,
      '--url',
      'https://127.0.0.1:9443/',
      '--ca-bundle',
      ca,
      '--failure-policy',
      'Fail',
      '--timeout',
      '5',
      '--exclude-namespace',
      'argocd',
      'monitoring',
    ]);
    expect(v.webhooks[0].clientConfig.url).toBe('https://127.0.0.1:9443/validate');
    expect(m.webhooks[0].clientConfig.url).toBe('https://127.0.0.1:9443/mutate');
    expect(v.webhooks[0].failurePolicy).toBe('Fail');
    expect(v.webhooks[0].timeoutSeconds).toBe(5);
    expect(v.webhooks[0].namespaceSelector.matchExpressions[0].values).toEqual([
      'tollgate-system',
      'kube-system',
      'argocd',
      'monitoring',
    ]);
    expect(output.err).toMatch(/^note: the webhooks time out after 5s: run tollgate serve with --webhook-timeout 5 /);
  });

  it("leaves the CA to cert-manager's injector", async () => {
    const docs = await generate([
      '--policies',
      starter,
      '--service',
      'platform/tollgate:8443',
      '--inject-ca-from',
      'platform/tollgate-serving',
    ]);
    for (const doc of docs) {
      expect(doc.metadata.annotations).toEqual({ 'cert-manager.io/inject-ca-from': 'platform/tollgate-serving' });
      expect(doc.webhooks[0].clientConfig.caBundle).toBeUndefined();
      expect(doc.webhooks[0].clientConfig.service?.port).toBe(8443);
      expect(doc.webhooks[0].namespaceSelector.matchExpressions[0].values).toEqual(['platform', 'kube-system']);
    }
  });

  it('resolves custom kinds from the CustomResourceDefinitions given with --crds', async () => {
    const [v, m] = await generate([
      '--policies',
      `${dir}certificate-policy.yaml`,
      '--url',
      'https://127.0.0.1:9443',
      '--ca-bundle',
      ca,
      '--crds',
      `${dir}crds`,
    ]);
    expect(v.webhooks[0].rules).toEqual([
      {
        apiGroups: ['cert-manager.io'],
        apiVersions: ['v1'],
        operations: ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'],
        resources: ['certificates'],
        scope: 'Namespaced',
      },
    ]);
    // No mutate rules: the mutating configuration is empty, so applying it removes stale rules.
    expect(m.webhooks).toEqual([]);
  });

  const keyAndCert = join(tmp, 'key-and-cert.pem');
  writeFileSync(
    keyAndCert,
    `-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n${readFileSync(ca, 'utf8')}`,
  );
  const endpoint = ['--url', 'https://127.0.0.1:9443', '--ca-bundle', ca];
  it.each([
    [
      'no endpoint',
      ['--policies', starter, '--ca-bundle', ca],
      /^error: give exactly one of --service NAMESPACE\/NAME\[:PORT\] and --url/,
    ],
    [
      'both endpoints',
      ['--policies', starter, '--service', 'a/b', ...endpoint],
      /^error: give exactly one of --service/,
    ],
    [
      'a malformed Service',
      ['--policies', starter, '--service', 'tollgate', '--ca-bundle', ca],
      /^error: --service tollgate: expected NAMESPACE\/NAME/,
    ],
    [
      'an http URL',
      ['--policies', starter, '--url', 'http://127.0.0.1', '--ca-bundle', ca],
      /^error: --url http:\/\/127\.0\.0\.1: the API server calls webhooks over https/,
    ],
    [
      'no CA',
      ['--policies', starter, '--url', 'https://h'],
      /^error: give exactly one of --ca-bundle FILE .* and --inject-ca-from/,
    ],
    [
      'a missing CA file',
      ['--policies', starter, '--url', 'https://h', '--ca-bundle', join(tmp, 'nope.crt')],
      /^error: --ca-bundle .*nope\.crt: no such file$/,
    ],
    [
      'a CA file without a certificate',
      ['--policies', starter, '--url', 'https://h', '--ca-bundle', `${dir}scan-only.yaml`],
      /^error: --ca-bundle .*scan-only\.yaml: no PEM certificate in it/,
    ],
    [
      'a private key in the CA file',
      ['--policies', starter, '--url', 'https://h', '--ca-bundle', keyAndCert],
      /^error: --ca-bundle .*: holds a private key; give the CA certificate only$/,
    ],
    [
      'cert-manager with a URL',
      ['--policies', starter, '--url', 'https://h', '--inject-ca-from', 'a/b'],
      /^error: --inject-ca-from works with --service only/,
    ],
    [
      'a timeout above 30',
      ['--policies', starter, ...endpoint, '--timeout', '31'],
      /option '--timeout <seconds>' argument '31' is invalid/,
    ],
    [
      'an unknown failure policy',
      ['--policies', starter, ...endpoint, '--failure-policy', 'Sometimes'],
      /argument 'Sometimes' is invalid. Allowed choices are Ignore, Fail/,
    ],
    [
      'no policies in the directory',
      ['--policies', `${dir}crds`, ...endpoint],
      /^error: no Kyverno policies found in .*crds$/,
    ],
    [
      'policies that are never evaluated in admission',
      ['--policies', `${dir}scan-only.yaml`, ...endpoint],
      /^error: no policy in .*scan-only\.yaml is evaluated in admission/,
    ],
    [
      'a custom kind without its CRD',
      ['--policies', `${dir}certificate-policy.yaml`, ...endpoint],
      /^error: .*certificate-policy\.yaml:2: policy certificate-duration rule at-most-90-days matches kind cert-manager\.io\/v1\/Certificate, which is not a Kubernetes v1\.34\.2 resource: give its CustomResourceDefinition with --crds FILE\|DIR$/,
    ],
  ])('%s: one line, exit 2, nothing printed', async (_name, argv, message) => {
    expect(await main(['webhook-config', ...argv])).toBe(2);
    expect(output.err.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(output.out).toBe('');
  });
});
