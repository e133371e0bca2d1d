import { describe, expect, it } from 'vitest';
import { admitValidate } from './index.js';
import { celPlan as plan, celPolicyDiagnostics, offlineDeps as deps, reviewFixture } from './testdata/cel-fixtures.js';

const review = reviewFixture('create-pod-latest.yaml');
type Response = { allowed: boolean; status?: { message: string }; warnings?: string[] };

describe('ValidatingPolicies in the validating webhook', () => {
  it('loads the fixtures without diagnostics', () => {
    expect(celPolicyDiagnostics()).toEqual([]);
  });

  it.each([
    ['Deny rejects', 'deny-latest', false, 'Policy deny-latest failed: images must not use the latest tag', []],
    [
      'Warn admits with a warning',
      'warn-latest',
      true,
      undefined,
      ['Policy warn-latest failed: images should not use the latest tag'],
    ],
    ['Audit admits silently', 'audit-latest', true, undefined, []],
    [
      'an error under failurePolicy Fail rejects',
      'broken-lookup',
      false,
      'Policy broken-lookup error: error: no such key: owner',
      [],
    ],
    ['admission disabled is not evaluated', 'background-only', true, undefined, []],
    ['namespaceObject is the request namespace', 'namespace-label', true, undefined, []],
  ])('%s', (_n, name, allowed, denial, warnings) => {
    const out = admitValidate(review, plan(name), deps);
    const res = (out.body as { response: Response }).response;
    expect(res.allowed).toBe(allowed);
    expect(res.status?.message).toBe(denial);
    expect(res.warnings ?? []).toEqual(warnings);
    expect(out.results.every((r) => r.policy === name)).toBe(true);
    expect(out.results).toHaveLength(name === 'background-only' ? 0 : 1);
  });
});
