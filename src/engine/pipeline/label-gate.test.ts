// Passing over label-gated policies changes no rule result: admission and background evaluations (gated) give the
// results a CLI run (which meets every policy) gives for the same generated policies and resources.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { JsonObject } from '../json.js';
import { parseDocuments } from '../source/documents.js';
import { loadPolicies } from '../policy-set/load-policies.js';
import { internalsOf } from '../policy-set/policy-set.js';
import { fixedClock } from '../ports.js';
import { evaluate } from './evaluate.js';
import { cliRequest } from './requests.js';
import type { PolicyRequest } from './types.js';

const services = { clock: fixedClock(new Date('2026-01-01T00:00:00Z')) };
const key = fc.constantFrom('app', 'team');
const value = fc.constantFrom('web', 'api', 'w*', '');
const selector = fc.oneof(
  fc.dictionary(key, value, { minKeys: 1 }).map((matchLabels) => ({ matchLabels })),
  fc
    .record({
      key,
      operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
      values: fc.array(value, { minLength: 1, maxLength: 2 }),
    })
    .map((e) => ({
      matchExpressions: [
        e.operator === 'Exists' || e.operator === 'DoesNotExist' ? { key: e.key, operator: e.operator } : e,
      ],
    })),
);
// Mostly with a selector: a filter without one leaves its policy ungated.
const filter = fc.oneof(
  { weight: 4, arbitrary: selector.map((sel) => ({ resources: { kinds: ['Pod'], selector: sel } })) },
  { weight: 1, arbitrary: fc.constant({ resources: { kinds: ['Pod'] } }) },
);
const match = fc.oneof(
  fc.array(filter, { minLength: 1, maxLength: 2 }).map((any) => ({ any })),
  fc.array(filter, { minLength: 1, maxLength: 2 }).map((all) => ({ all })),
  filter,
);
const rule = (i: number) =>
  match.map((m) => ({
    name: `rule-${i}`,
    match: m,
    validate: { message: 'label team is required', pattern: { metadata: { labels: { team: '?*' } } } },
  }));
const policy = (i: number) =>
  fc.tuple(rule(0), fc.option(rule(1), { nil: undefined })).map(([a, b]) => ({
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name: `policy-${i}` },
    spec: { validationFailureAction: 'Audit', background: true, rules: b ? [a, b] : [a] },
  }));
// Sometimes a mutate policy labels the Pod first: validate policies must see the labels as mutated.
const labeller = {
  apiVersion: 'kyverno.io/v1',
  kind: 'ClusterPolicy',
  metadata: { name: 'label-api' },
  spec: {
    rules: [
      {
        name: 'label',
        match: { any: [{ resources: { kinds: ['Pod'] } }] },
        mutate: { patchStrategicMerge: { metadata: { labels: { app: 'api' } } } },
      },
    ],
  },
};
const policies = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.boolean())
  .chain(([n, labels]) =>
    fc.tuple(...Array.from({ length: n }, (_, i) => policy(i))).map((ps) => (labels ? [labeller, ...ps] : ps)),
  );
const pod = fc.dictionary(key, value).map((labels): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'shop', labels },
  spec: {},
}));

function loaded(docs: readonly object[]) {
  const text = docs.map((d) => stringify(d)).join('---\n');
  const { policySet, diagnostics } = loadPolicies(parseDocuments(text, 'policies.yaml').documents);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return policySet;
}

const admission = (operation: 'CREATE' | 'DELETE', object: JsonObject): PolicyRequest => ({
  origin: 'admission',
  operation,
  object: operation === 'DELETE' ? null : object,
  oldObject: operation === 'DELETE' ? object : undefined,
  namespaceLabels: {},
});

describe('label-gated policies', () => {
  it('are passed over without changing a rule result', () => {
    fc.assert(
      fc.property(policies, pod, fc.constantFrom('CREATE' as const, 'DELETE' as const), (docs, object, operation) => {
        const set = loaded(docs);
        const cli = evaluate(set, cliRequest(object, { operation, namespaceLabels: {} }), services);
        const gated = evaluate(set, admission(operation, object), services);
        expect(gated.results).toEqual(cli.results);
        if (operation === 'CREATE' && !docs.includes(labeller)) {
          const background = evaluate(set, { origin: 'background', object }, services);
          expect(background.results).toEqual(cli.results.filter((r) => r.ruleType === 'validate'));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('are met only by the labels they select, in load order with the others', () => {
    const validating = (name: string, selector?: object) => ({
      apiVersion: 'kyverno.io/v1',
      kind: 'ClusterPolicy',
      metadata: { name },
      spec: {
        rules: [
          {
            name: 'r',
            match: { any: [{ resources: { kinds: ['Pod'], ...(selector ? { selector } : {}) } }] },
            validate: { pattern: { metadata: {} } },
          },
        ],
      },
    });
    const set = loaded([validating('a'), validating('b', { matchLabels: { app: 'web' } }), validating('c')]);
    const unlabelled = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } };
    // The object the rules look at; without one the set does not sort by labels.
    const names = (labels?: Record<string, string>) =>
      internalsOf(set)
        .select('validate', 'admission', unlabelled, labels && { ...unlabelled, metadata: { name: 'p', labels } })
        .map((e) => e.name);
    expect(names({ app: 'web' })).toEqual(['a', 'b', 'c']);
    expect(names({ app: 'api' })).toEqual(['a', 'c']);
    expect(names({})).toEqual(['a', 'c']);
    expect(names()).toEqual(['a', 'b', 'c']);
  });
});
