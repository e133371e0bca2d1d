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
    expect(admissionPolicies(plan, type, kind).map((cp) => cp.policy.name)).toEqual(names);
  });

  it('indexes per plan: a reloaded plan is not answered from the old index', () => {
    expect(admissionPolicies(plan, 'validate', 'Pod').length).toBeGreaterThan(0);
    const reloaded = { policies: plan.policies.filter((cp) => cp.policy.name === 'protect-pods') };
    expect(admissionPolicies(reloaded, 'validate', 'Pod').map((cp) => cp.policy.name)).toEqual(['protect-pods']);
  });
});
