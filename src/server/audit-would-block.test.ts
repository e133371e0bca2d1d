// Audit results that Enforce would deny, from an admission review to serve's two outputs: the
// `tollgate.dev/would-block` report property and the `tollgate_audit_would_block_total` counter.
import { describe, expect, it } from 'vitest';
import { fixedClock, type JsonObject, type PolicySet } from '../engine/index.js';
import { admitValidate } from './admission/index.js';
import { namespaceNamed, policySetOf } from './admission/testdata/cel-fixtures.js';
import { WebhookMetrics } from './metrics.js';
import { ReportStore } from './report-store.js';

const policySet = (name: string): PolicySet => policySetOf('would-block-policies.yaml', name);

function podReview(namespace: string, labels: Record<string, string>): JsonObject {
  const object = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace, labels }, spec: {} };
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: 'review-1',
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      name: 'web',
      namespace,
      operation: 'CREATE',
      userInfo: { username: 'alice' },
      object,
      oldObject: null,
      dryRun: false,
    },
  };
}

const deps = { services: { clock: fixedClock(new Date('2026-06-01T00:00:00Z')), namespaces: namespaceNamed } };

// The counter's samples as `policy namespace value` lines.
async function counted(metrics: WebhookMetrics): Promise<string[]> {
  const { values } = await metrics.auditWouldBlock.get();
  return values.map((v) => `${v.labels.policy} ${v.labels.namespace} ${v.value}`);
}

// The report results (policy/rule) carrying the mark.
function marked(store: ReportStore, set: PolicySet): string[] {
  const policies = new Map(set.policies.map((p) => [p.key, p]));
  return store
    .reports(policies, new Date('2026-06-01T00:00:00Z'))
    .flatMap((r) => r.results as { policy: string; rule: string; properties: Record<string, string> }[])
    .filter((r) => r.properties['tollgate.dev/would-block'] === 'true')
    .map((r) => `${r.policy}/${r.rule}`);
}

const UNLABELLED = {};
const LABELLED = { team: 'payments' };

describe('Audit results Enforce would deny, in serve', () => {
  it.each([
    // [case, policy, namespace, labels, allowed, marked report results, counter samples]
    ['an Audit failure', 'audit-team', 'dev', UNLABELLED, true, ['audit-team/check-team'], ['audit-team dev 1']],
    ['an Enforce failure', 'enforce-team', 'dev', UNLABELLED, false, [], []],
    ['an Audit pass', 'audit-team', 'dev', LABELLED, true, [], []],
    ['an Audit policy enforced in the namespace', 'audit-team-enforced-in-prod', 'prod', UNLABELLED, false, [], []],
    [
      'an Audit policy enforced elsewhere',
      'audit-team-enforced-in-prod',
      'dev',
      UNLABELLED,
      true,
      ['audit-team-enforced-in-prod/check-team'],
      ['audit-team-enforced-in-prod dev 1'],
    ],
    // No `owner` annotation: the deny condition cannot be evaluated.
    [
      'an Audit error (failurePolicy Fail)',
      'audit-owner-lookup',
      'dev',
      UNLABELLED,
      true,
      ['audit-owner-lookup/owner'],
      ['audit-owner-lookup dev 1'],
    ],
    ['an Audit error (failurePolicy Ignore)', 'audit-owner-lookup-lenient', 'dev', UNLABELLED, true, [], []],
    [
      'a ValidatingPolicy without Deny failing',
      'audit-team-cel',
      'dev',
      UNLABELLED,
      true,
      ['audit-team-cel/'],
      ['audit-team-cel dev 1'],
    ],
    ['a ValidatingPolicy with Deny failing', 'deny-team-cel', 'dev', UNLABELLED, false, [], []],
  ])('%s', async (_case, policy, namespace, labels, allowed, wantMarked, wantCounted) => {
    const set = policySet(policy);
    const metrics = new WebhookMetrics();
    const store = new ReportStore();
    const outcome = admitValidate(podReview(namespace, labels), set, deps);
    expect(outcome.allowed).toBe(allowed);
    metrics.recordWouldBlock(outcome, (key) => set.policy(key)?.admission.failurePolicy);
    // As serve's report pipeline: only admitted requests are reported.
    if (outcome.allowed) store.record(outcome.results);
    expect(marked(store, set)).toEqual(wantMarked);
    expect(await counted(metrics)).toEqual(wantCounted);
  });
});
