import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { checkPolicy } from './check-policy.js';
import { toClassicPolicy } from './policy.js';

interface Case {
  name: string;
  spec: JsonObject;
  want: string[];
}

const cases = parse(readFileSync(new URL('./testdata/invalid-policies.yaml', import.meta.url), 'utf8')) as Case[];

describe('checkPolicy', () => {
  it.each(cases)('$name', ({ spec, want }) => {
    const doc = { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p' }, spec };
    expect(checkPolicy(toClassicPolicy(doc)).map((p) => p.code)).toEqual(want);
  });

  it('a ClusterPolicy must not set a namespace; a Policy cannot match cluster-scoped kinds', () => {
    const spec = {
      rules: [{ name: 'r', match: { any: [{ resources: { kinds: ['Namespace'] } }] }, validate: { deny: {} } }],
    };
    expect(
      checkPolicy(
        toClassicPolicy({
          apiVersion: 'kyverno.io/v1',
          kind: 'ClusterPolicy',
          metadata: { name: 'p', namespace: 'x' },
          spec,
        }),
      ).map((p) => p.code),
    ).toEqual(['policy/namespace']);
    expect(
      checkPolicy(
        toClassicPolicy({ apiVersion: 'kyverno.io/v1', kind: 'Policy', metadata: { name: 'p', namespace: 'x' }, spec }),
      ).map((p) => p.code),
    ).toEqual(['policy/namespaced-kinds']);
  });
});
