import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixedClock, type JsonObject } from '../../engine/index.js';
import { MemoryCluster } from '../../cluster/memory-store.js';
import { admitValidate, type AdmissionDeps } from './index.js';
import { namespaceNamed, policySetOf } from './testdata/cel-fixtures.js';

const text = (file: string) => readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8');
const plan = (...names: string[]) => policySetOf('policies.yaml', ...names);
const deps: AdmissionDeps = {
  services: {
    clock: fixedClock(new Date('2025-01-01T00:00:00Z')),
    cluster: new MemoryCluster(),
    namespaces: namespaceNamed,
  },
};
const review = (file: string) => parse(text(file)) as JsonObject;
type Response = { uid: string; allowed: boolean; status?: { status: string; message: string }; warnings?: string[] };
const responseOf = (body: unknown) => (body as { response: Response }).response;

const BLOCKED_TEAM =
  '\n\nresource Pod/default/badpod was blocked due to the following policies \n\n' +
  "require-team-label:\n  check-team: 'validation error: label ''team'' is required. rule check-team failed\n" +
  "    at path /metadata/labels/team/'\n";

describe('admitValidate', () => {
  it('denies a CREATE that violates an Enforce policy, with Kyverno’s message', () => {
    const out = admitValidate(review('create-pod-unlabelled.yaml'), plan('require-team-label'), deps);
    const res = responseOf(out.body);
    expect(out).toMatchObject({ status: 200, allowed: false, kind: 'Pod', operation: 'CREATE' });
    expect(res.uid).toBe('0b5c1c1e-0001-4c1a-9a50-000000000001');
    expect(res.status).toEqual({ status: 'Failure', message: BLOCKED_TEAM });
    expect(out.results.map((r) => [r.policy, r.rule, r.status, r.action])).toEqual([
      ['require-team-label', 'check-team', 'fail', 'Enforce'],
    ]);
  });

  it.each([
    ['emitWarning: true warns', 'warn-latest-tag', ['policy warn-latest-tag.no-latest: validation error: image tag']],
    ['no emitWarning stays silent', 'quiet-latest-tag', undefined],
  ])('admits an Audit failure: %s', (_n, policy, warnings) => {
    const out = admitValidate(review('create-pod-latest.yaml'), plan(policy), deps);
    const res = responseOf(out.body);
    expect(res.allowed).toBe(true);
    expect(res.status).toBeUndefined();
    if (warnings) {
      expect(res.warnings).toHaveLength(1);
      expect(res.warnings![0]).toContain(warnings[0]);
    } else expect(res.warnings).toBeUndefined();
    expect(out.results.map((r) => [r.status, r.action])).toEqual([['fail', 'Audit']]);
  });

  it.each([
    ['UPDATE keeping a pre-existing violation is allowed', 'update-pod-existing-violation.yaml', true, 'skip'],
    ['UPDATE introducing a violation is denied', 'update-pod-new-violation.yaml', false, 'fail'],
  ])('%s (spec §4.9)', (_n, file, allowed, status) => {
    const out = admitValidate(review(file), plan('require-team-label'), deps);
    expect(responseOf(out.body).allowed).toBe(allowed);
    expect(out.results.map((r) => r.status)).toEqual([status]);
  });

  it.each([
    ['protected pod is denied', 'delete-pod-protected.yaml', false, ['fail']],
    ['unprotected pod is admitted', 'delete-pod-unprotected.yaml', true, ['pass']],
  ])('DELETE: %s, pattern rules give no response (spec §4.10)', (_n, file, allowed, statuses) => {
    const out = admitValidate(review(file), plan('protect-pods', 'require-team-label'), deps);
    expect(responseOf(out.body).allowed).toBe(allowed);
    expect(out.results.map((r) => r.status)).toEqual(statuses);
    if (!allowed)
      expect(responseOf(out.body).status!.message).toBe(
        '\n\nresource Pod/default/vault was blocked due to the following policies \n\n' +
          'protect-pods:\n  no-delete-protected: pod vault is protected\n',
      );
  });

  it('passes the subresource: a Pod/status rule sees the status update, a Pod rule does not', () => {
    const out = admitValidate(review('update-pod-status.yaml'), plan('freeze-status', 'require-team-label'), deps);
    expect(responseOf(out.body).allowed).toBe(false);
    expect(out.results.map((r) => [r.policy, r.status])).toEqual([['freeze-status', 'fail']]);
  });

  it.each([
    ['its own namespace', 'create-pod-team-a-no-tier.yaml', false, 1],
    ['another namespace', 'create-pod-team-b-no-tier.yaml', true, 0],
  ])('a namespaced Policy applies only in %s', (_n, file, allowed, count) => {
    const out = admitValidate(review(file), plan('require-tier'), deps);
    expect(responseOf(out.body).allowed).toBe(allowed);
    expect(out.results).toHaveLength(count);
    if (!allowed) expect(responseOf(out.body).status!.message).toContain('\n\nrequire-tier:\n  check-tier:');
  });

  it('admits requests matching a resource filter without evaluating them', () => {
    const out = admitValidate(review('create-pod-kube-system.yaml'), plan('require-team-label'), deps);
    expect(responseOf(out.body).allowed).toBe(true);
    expect(out.results).toEqual([]);
  });

  it('evaluates everything when resource filters are emptied', () => {
    const out = admitValidate(review('create-pod-kube-system.yaml'), plan('require-team-label'), {
      ...deps,
      resourceFilters: [],
    });
    expect(responseOf(out.body).allowed).toBe(false);
  });

  it.each([
    ['CREATE returns the generated downstream resource', 'create-namespace.yaml', 1],
    ['dryRun returns none', 'dryrun-create-namespace.yaml', 0],
  ])('generate: %s', (_n, file, count) => {
    const out = admitValidate(review(file), plan('default-quota'), deps);
    expect(responseOf(out.body).allowed).toBe(true);
    expect(out.generated).toHaveLength(count);
    if (count)
      expect(out.generated[0]).toMatchObject({
        policy: 'default-quota',
        rule: 'quota',
        resource: { kind: 'ResourceQuota', metadata: { name: 'default-quota', namespace: 'team-c' } },
      });
  });

  // A budget that allows `n` policies to start.
  const budgetFor = (n: number) => {
    let started = 0;
    return { budgetMs: 50, expired: () => started++ >= n };
  };

  // Policies run in file order: [policies, budget (policies allowed to start), not reached, allowed].
  it.each([
    [
      'a Fail Enforce policy not reached blocks',
      ['require-team-label', 'warn-latest-tag', 'protect-pods'],
      2,
      'protect-pods',
      false,
    ],
    [
      'an Ignore Enforce policy not reached is let through',
      ['warn-latest-tag', 'require-team-label-lenient'],
      1,
      'require-team-label-lenient',
      true,
    ],
    [
      'an Audit policy not reached is let through',
      ['require-team-label', 'warn-latest-tag'],
      1,
      'warn-latest-tag',
      true,
    ],
    ['every policy within the budget decides as usual', ['require-team-label', 'warn-latest-tag'], 9, '', true],
  ])('evaluation budget: %s', (_n, names, budget, notReached, allowed) => {
    const out = admitValidate(review('create-pod-latest.yaml'), plan(...names), {
      ...deps,
      deadline: budgetFor(budget),
    });
    const res = responseOf(out.body);
    expect(res.allowed).toBe(allowed);
    const note = `policies not evaluated within the 50 ms evaluation budget: ${notReached}`;
    if (!notReached) expect(JSON.stringify(res)).not.toContain('evaluation budget');
    else if (allowed) expect(res.warnings).toContain(`tollgate: ${note}`);
    else expect(res.status!.message).toBe(`resource Pod/default/web was not admitted: ${note} (failurePolicy Fail)`);
    expect(new Set(out.results.map((r) => r.policy))).toEqual(new Set(names.filter((n) => n !== notReached)));
  });

  it.each([
    [2, true, undefined],
    [3, false, 'replicas must be even'],
  ])('validate.cel sees the object’s integers as ints in admission: %i replicas → allowed %s', (n, allowed, denial) => {
    const r = review('create-deployment.yaml') as { request: { object: { spec: JsonObject } } };
    r.request.object.spec.replicas = n;
    const out = admitValidate(r, policySetOf('even-replicas.yaml'), deps);
    const res = responseOf(out.body);
    expect(res.allowed).toBe(allowed);
    expect(out.results.map((x) => x.status)).toEqual([allowed ? 'pass' : 'fail']);
    if (denial) expect(res.status!.message).toContain(`even: ${denial}`);
  });

  it('dryRun still validates and denies', () => {
    const out = admitValidate(review('dryrun-create-pod.yaml'), plan('require-team-label'), deps);
    expect(responseOf(out.body).allowed).toBe(false);
  });
});
