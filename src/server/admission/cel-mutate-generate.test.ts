import jsonpatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/index.js';
import { admitMutate, admitValidate } from './index.js';
import { celPlan as plan, offlineDeps as deps, reviewFixture } from './testdata/cel-fixtures.js';

const review = reviewFixture('create-pod-latest.yaml');
const pod = (review.request as JsonObject).object as JsonObject;
type Response = { allowed: boolean; status?: { message: string }; patch?: string };

function patched(res: Response): JsonObject {
  const ops = res.patch ? JSON.parse(Buffer.from(res.patch, 'base64').toString('utf8')) : [];
  return jsonpatch.applyPatch(structuredClone(pod), ops).newDocument as JsonObject;
}

describe('MutatingPolicies in the mutating webhook', () => {
  it('applies an ApplyConfiguration: the JSONPatch answer gives the mutated Pod', () => {
    const res = (admitMutate(review, plan('label-mutated'), deps).body as { response: Response }).response;
    expect(res.allowed).toBe(true);
    expect((patched(res).metadata as JsonObject).labels).toEqual({
      ...((pod.metadata as JsonObject).labels as JsonObject),
      'mutated-by': 'tollgate',
    });
  });

  it.each([
    ['an error rejects under failurePolicy Fail', 'broken-jsonpatch', false],
    ['an error drops the policy under Ignore', 'broken-jsonpatch-ignored', true],
  ])('%s', (_n, name, allowed) => {
    const out = admitMutate(review, plan(name, 'label-mutated'), deps);
    const res = (out.body as { response: Response }).response;
    expect(res.allowed).toBe(allowed);
    if (!allowed) expect(res.status?.message).toMatch(new RegExp(`^mutation policy ${name} error: `));
    else expect((patched(res).metadata as JsonObject).labels).toMatchObject({ 'mutated-by': 'tollgate' });
    expect(out.results.find((r) => r.policy === name)?.status).toBe('error');
  });
});

describe('GeneratingPolicies in the validating webhook', () => {
  it('hand back what they generated for an admitted Namespace, and nothing for dryRun', () => {
    for (const [file, count] of [
      ['create-namespace.yaml', 1],
      ['dryrun-create-namespace.yaml', 0],
    ] as const) {
      const out = admitValidate(reviewFixture(file), plan('namespace-quota'), deps);
      expect(out.generated).toHaveLength(count);
      if (count)
        expect(out.generated[0]).toMatchObject({
          policy: 'namespace-quota',
          resource: { kind: 'ResourceQuota', metadata: { name: 'default-quota', namespace: 'team-c' } },
        });
    }
  });
});
