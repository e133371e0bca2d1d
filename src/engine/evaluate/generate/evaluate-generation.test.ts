import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../json.js';
import { fixedClock } from '../../ports.js';
import { QueryCache } from '../../context/query-cache.js';
import { compilePolicy } from '../../compile/compile-policy.js';
import { toClassicPolicy } from '../../policy/policy.js';
import { MemoryCluster } from '../../../cluster/memory-store.js';
import { evaluateGeneration } from './evaluate-generation.js';

const policy = (synchronize: boolean): JsonObject => ({
  apiVersion: 'kyverno.io/v1',
  kind: 'ClusterPolicy',
  metadata: { name: 'ns-quota' },
  spec: {
    rules: [
      {
        name: 'quota',
        match: { any: [{ resources: { kinds: ['Namespace'], selector: { matchLabels: { team: '?*' } } } }] },
        generate: {
          apiVersion: 'v1',
          kind: 'ResourceQuota',
          name: 'default-quota',
          namespace: '{{ request.object.metadata.name }}',
          synchronize,
          data: { spec: { hard: { 'requests.cpu': '4' } } },
        },
      },
    ],
  },
});
const namespace: JsonObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'team-a', labels: { team: 'a' } },
};
const existing: JsonObject = {
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'default-quota', namespace: 'team-a' },
  spec: { hard: { 'requests.cpu': '1' } },
};

function run(p: JsonObject, objects: JsonObject[], object: JsonObject = namespace) {
  const queries = new QueryCache();
  const cp = compilePolicy(toClassicPolicy(p), queries);
  expect(cp.diagnostics).toEqual([]);
  return evaluateGeneration(
    cp,
    { operation: 'CREATE', object },
    { queries, clock: fixedClock(new Date(0)), cluster: new MemoryCluster(objects) },
  );
}

describe('evaluateGeneration', () => {
  it('creates the target with variables substituted and Kyverno labels', () => {
    const r = run(policy(false), []);
    expect(r.response.rules[0]).toMatchObject({ rule: 'quota', status: 'pass' });
    const [g] = r.generated.get('quota')!;
    expect(g.action).toBe('create');
    expect(g.lifecycle).toEqual({ synchronize: false, generateExisting: false, orphanDownstreamOnPolicyDelete: false });
    expect(g.resource).toMatchObject({
      kind: 'ResourceQuota',
      metadata: {
        name: 'default-quota',
        namespace: 'team-a',
        labels: { 'app.kubernetes.io/managed-by': 'kyverno', 'generate.kyverno.io/rule-name': 'quota' },
      },
    });
  });

  it('an existing target that differs is left alone without synchronize, and the result says so', () => {
    const r = run(policy(false), [existing]);
    expect(r.response.rules[0].status).toBe('pass');
    expect(r.response.rules[0].message).toMatch(
      /ResourceQuota team-a\/default-quota: target exists and synchronize is disabled/,
    );
    expect(r.generated.get('quota')![0].action).toBe('none');
  });

  it('an existing target that differs is updated with synchronize', () => {
    const r = run(policy(true), [existing]);
    expect(r.generated.get('quota')![0]).toMatchObject({
      action: 'update',
      resource: { spec: { hard: { 'requests.cpu': '4' } } },
    });
  });

  it('a trigger that does not match gives no response', () => {
    const r = run(policy(false), [], { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'scratch' } });
    expect(r.response.rules).toEqual([]);
  });
});

describe('evaluateGeneration with foreach', () => {
  const foreachPolicy: JsonObject = {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name: 'per-app' },
    spec: {
      rules: [
        {
          name: 'apps',
          match: { any: [{ resources: { kinds: ['Namespace'] } }] },
          generate: {
            synchronize: false,
            foreach: [
              {
                list: "split(request.object.metadata.annotations.apps, ',')",
                context: [{ name: 'prefix', variable: { value: 'cm' } }],
                preconditions: { all: [{ key: '{{ element }}', operator: 'NotEquals', value: 'skip' }] },
                apiVersion: 'v1',
                kind: 'ConfigMap',
                name: '{{ prefix }}-{{ element }}-{{ elementIndex }}',
                namespace: '{{ request.object.metadata.name }}',
                data: { data: { app: '{{ element }}' } },
              },
            ],
          },
        },
      ],
    },
  };

  it('generates one target per element its preconditions admit, with the entry context', () => {
    const ns = { ...namespace, metadata: { name: 'team-a', annotations: { apps: 'web,skip,api' } } };
    const r = run(foreachPolicy, [], ns);
    expect(r.response.rules[0]).toMatchObject({ rule: 'apps', status: 'pass' });
    const generated = r.generated.get('apps')!.map((g) => g.resource);
    expect(generated.map((g) => [(g.metadata as JsonObject).name, g.data])).toEqual([
      ['cm-web-0', { app: 'web' }],
      ['cm-api-2', { app: 'api' }],
    ]);
  });
});
