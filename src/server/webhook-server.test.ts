// Real HTTPS requests carrying AdmissionReview JSON against a running webhook.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyStore } from './policy-store.js';
import type { RunningWebhook } from './webhook-server.js';
import { startTestWebhook, testCerts as certs } from './testdata/test-webhook.js';
import { httpsCall } from './testdata/https-call.js';

const fixture = (name: string) => readFileSync(new URL(`./admission/testdata/${name}`, import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'tollgate-webhook-'));
let hook: RunningWebhook;
const errors: string[] = [];
const store = new PolicyStore([join(dir, 'policies')], (m) => errors.push(m));

beforeAll(async () => {
  mkdirSync(join(dir, 'policies'));
  writeFileSync(join(dir, 'policies', 'policies.yaml'), fixture('policies.yaml'));
  expect(store.reload()).toBe(true);
  hook = await startTestWebhook(store, dir, {
    maxBodyBytes: 64 * 1024,
  });
});
afterAll(async () => {
  await hook.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function call(method: string, path: string, body?: string, port = hook.port) {
  return httpsCall(port, certs.caCert, method, path, body);
}

const review = (name: string) => JSON.stringify(parse(fixture(name)));

describe('tollgate serve over HTTPS', () => {
  it("denies an Enforce violation with Kyverno's message", async () => {
    const r = await call('POST', '/validate', review('create-pod-unlabelled.yaml'));
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text);
    expect(body.response.allowed).toBe(false);
    expect(body.response.status.message).toMatch(/was blocked due to the following policies/);
    expect(body.response.status.message).toMatch(/require-team-label:/);
  });

  it('refuses a policy it cannot load on /validate-policy, with the load error', async () => {
    const policy = parse(
      readFileSync(new URL('../cli/testdata/invalid/typo-action.yaml', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    const reviewOf = (object: unknown) =>
      JSON.stringify({
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: {
          uid: 'u1',
          kind: { group: 'kyverno.io', version: 'v1', kind: 'ClusterPolicy' },
          resource: { group: 'kyverno.io', version: 'v1', resource: 'clusterpolicies' },
          operation: 'CREATE',
          userInfo: { username: 'alice' },
          object,
        },
      });
    const denied = JSON.parse((await call('POST', '/validate-policy', reviewOf(policy))).text);
    expect(denied.response.allowed).toBe(false);
    expect(denied.response.status.message).toMatch(/unknown field spec\.validationFailureActoin/);
    const spec = { ...(policy.spec as object), validationFailureActoin: undefined };
    const fixed = JSON.parse((await call('POST', '/validate-policy', reviewOf({ ...policy, spec }))).text);
    expect(fixed.response.allowed).toBe(true);
  });

  it('answers /healthz, /readyz and /metrics', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect(JSON.parse((await call('GET', '/readyz')).text)).toMatchObject({ status: 'ready' });
    const metrics = (await call('GET', '/metrics')).text;
    expect(metrics).toMatch(/tollgate_admission_review_duration_seconds_bucket\{.*webhook="validate"/);
    expect(metrics).toMatch(/tollgate_rule_results_total\{policy="require-team-label"/);
    expect(metrics).toMatch(/tollgate_policies_loaded \d+/);
  });

  it('counts an admitted request that Audit policies let through and Enforce would deny', async () => {
    const r = JSON.parse((await call('POST', '/validate', review('create-pod-latest.yaml'))).text);
    expect(r.response.allowed).toBe(true);
    const metrics = (await call('GET', '/metrics')).text;
    expect(metrics).toMatch(/^tollgate_audit_would_block_total\{policy="warn-latest-tag",namespace="default"\} 1$/m);
    expect(metrics).not.toMatch(/^tollgate_audit_would_block_total\{policy="require-team-label"/m);
  });

  it.each([
    ['malformed JSON', '{"apiVersion": ', 400],
    ['not an AdmissionReview', JSON.stringify({ kind: 'Pod' }), 400],
    ['an oversized body', JSON.stringify({ pad: 'x'.repeat(70 * 1024) }), 413],
  ])('answers %s with %i and a reason', async (_name, body, status) => {
    const r = await call('POST', '/validate', body);
    expect(r.status).toBe(status);
    expect(JSON.parse(r.text).error).toEqual(expect.any(String));
  });

  it('enforces a ValidatingPolicy from the policies directory', async () => {
    const docs = fixture('cel-policies.yaml').split(/^---$/m);
    writeFileSync(
      join(dir, 'policies', 'deny-latest.yaml'),
      docs.find((d) => d.includes('name: deny-latest'))!,
    );
    expect(store.reload()).toBe(true);
    try {
      const body = JSON.parse((await call('POST', '/validate', review('create-pod-latest.yaml'))).text);
      expect(body.response).toMatchObject({
        allowed: false,
        status: { message: 'Policy deny-latest failed: images must not use the latest tag' },
      });
    } finally {
      rmSync(join(dir, 'policies', 'deny-latest.yaml'));
      expect(store.reload()).toBe(true);
    }
  });

  it('keeps the previous policies when a reload finds a broken file', async () => {
    writeFileSync(
      join(dir, 'policies', 'broken.yaml'),
      'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: { name: x }\nspec: {}\n',
    );
    expect(store.reload()).toBe(false);
    expect(errors.at(-1)).toMatch(/broken\.yaml:\d+: .*spec.rules is required/);
    const r = await call('POST', '/validate', review('create-pod-unlabelled.yaml'));
    expect(JSON.parse(r.text).response.allowed).toBe(false);
    // Ready with the previous set, and saying why the change was refused: on /readyz and in a metric.
    const ready = JSON.parse((await call('GET', '/readyz')).text);
    expect(ready).toMatchObject({ status: 'ready', reloadError: expect.stringMatching(/broken\.yaml:\d+: /) });
    expect((await call('GET', '/metrics')).text).toMatch(/^tollgate_policy_reload_failing 1$/m);
    rmSync(join(dir, 'policies', 'broken.yaml'));
    expect(store.reload()).toBe(true);
    expect(JSON.parse((await call('GET', '/readyz')).text).reloadError).toBeUndefined();
    expect((await call('GET', '/metrics')).text).toMatch(/^tollgate_policy_reload_failing 0$/m);
  });

  it.each([
    [
      'an exhausted evaluation budget blocks for a Fail Enforce policy',
      { evaluationTimeoutMs: 0 },
      'create-pod-unlabelled.yaml',
      /was not admitted: policies not evaluated within the 0 ms evaluation budget: .*require-team-label/,
    ],
    [
      'an excluded username is admitted without evaluation',
      { excludedRequesters: { usernames: ['alice@example.com'] } },
      'create-pod-unlabelled.yaml',
      undefined,
    ],
  ])('%s', async (_n, options, file, denial) => {
    const other = await startTestWebhook(store, dir, {
      ...options,
    });
    try {
      const body = JSON.parse((await call('POST', '/validate', review(file), other.port)).text);
      expect(body.response.allowed).toBe(denial === undefined);
      if (denial) expect(body.response.status.message).toMatch(denial);
    } finally {
      await other.close();
    }
  });
});
