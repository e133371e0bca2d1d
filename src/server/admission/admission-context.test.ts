import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { QueryCache } from '../../engine/context/query-cache.js';
import { compilePolicy } from '../../engine/compile/compile-policy.js';
import type { JsonObject } from '../../engine/json.js';
import { toClassicPolicy } from '../../engine/policy/policy.js';
import { admissionPolicies } from './admission-context.js';

const text = readFileSync(new URL('./testdata/policies.yaml', import.meta.url), 'utf8');
const queries = new QueryCache();
const plan = {
  policies: parseAllDocuments(text).map((d) => compilePolicy(toClassicPolicy(d.toJSON() as JsonObject), queries)),
};

describe('admissionPolicies', () => {
  it.each([
    [
      'validate',
      'Pod',
      [
        'require-team-label',
        'warn-latest-tag',
        'quiet-latest-tag',
        'require-tier',
        'protect-pods',
        'freeze-status',
        'require-team-label-lenient',
      ],
    ],
    ['mutate', 'Pod', ['add-env-label', 'add-owner-annotation', 'broken-mutation', 'broken-mutation-ignored']],
    ['generate', 'Namespace', ['default-quota']],
    ['validate', 'Namespace', []],
    ['validate', 'ConfigMap', []],
  ] as const)('%s rules for a %s meet only the policies that can apply', (type, kind, names) => {
    const resource = { apiVersion: 'v1', kind, metadata: { name: 'x', namespace: 'team-a' } };
    expect(admissionPolicies(plan, type, resource).map((cp) => cp.policy.name)).toEqual(names);
  });

  it.each([
    ['its own namespace', 'team-a', true],
    ['another namespace', 'team-b', false],
  ])('a namespaced Policy is met in %s only', (_n, namespace, met) => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace } };
    expect(admissionPolicies(plan, 'validate', pod).some((cp) => cp.policy.name === 'require-tier')).toBe(met);
  });

  it('indexes per plan: a reloaded plan is not answered from the old index', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'default' } };
    expect(admissionPolicies(plan, 'validate', pod).length).toBeGreaterThan(0);
    const reloaded = { policies: plan.policies.filter((cp) => cp.policy.name === 'protect-pods') };
    expect(admissionPolicies(reloaded, 'validate', pod).map((cp) => cp.policy.name)).toEqual(['protect-pods']);
  });
});
