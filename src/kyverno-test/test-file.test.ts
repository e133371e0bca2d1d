import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { decodeTest } from './test-file.js';
import { decodeValues } from './values-file.js';

const good = parse(`
apiVersion: cli.kyverno.io/v1alpha1
kind: Test
metadata: { name: t }
policies: [p.yaml, p.yaml]
resources: [r.yaml]
results:
- policy: require-labels
  rule: check
  resources: [a, default/b]
  kind: Pod
  result: fail
- policy: mp
  resources: [c]
  kind: Pod
  result: pass
  isMUtatingPolicy: true
`);

describe('decodeTest', () => {
  it('decodes fields, deduplicates paths and accepts case-variant field names', () => {
    const t = decodeTest(good);
    expect(t.name).toBe('t');
    expect(t.policies).toEqual(['p.yaml']);
    expect(t.results[0]).toMatchObject({
      policy: 'require-labels',
      rule: 'check',
      resources: ['a', 'default/b'],
      result: 'fail',
    });
    expect(t.results[1].isMutatingPolicy).toBe(true);
  });

  it.each([
    [{ ...good, name: 'old' }, /deprecated schema/],
    [{ ...good, apiVersion: 'v1' }, /cli.kyverno.io\/v1alpha1/],
    [{ ...good, polices: [] }, /unknown field "polices"/],
    [{ ...good, results: [{ policy: 'p', resources: [], result: 'passed' }] }, /result must be one of/],
    [{ ...good, results: [{ policy: 'p', resource: 'a', result: 'pass' }] }, /unknown field "resource"/],
    [
      { ...good, results: [{ policy: 'p', result: 'pass', isDeletingPolicy: true, operation: 'DELETE' }] },
      /operation cannot be set on a DeletingPolicy/,
    ],
  ])('rejects bad input %#', (doc, message) => {
    expect(() => decodeTest(doc)).toThrow(message);
  });
});

describe('decodeValues', () => {
  const v = decodeValues(
    parse(`
apiVersion: cli.kyverno.io/v1alpha1
kind: Values
globalValues: { request.operation: UPDATE }
policies:
- name: p
  resources:
  - name: pod-a
    values: { request.object.spec.x: 1 }
  rules:
  - name: r
    values: { cm.data.list: "a,b" }
    foreachValues: { item: [first, second] }
namespaceSelector:
- name: prod
  labels: { env: prod }
`),
  );

  it('reads global, per-resource and per-rule values', () => {
    expect(v.global).toEqual([['request.operation', 'UPDATE']]);
    expect(v.policies.get('p')?.resources.get('pod-a')).toEqual([['request.object.spec.x', 1]]);
    expect(v.policies.get('p')?.rules.get('r')).toEqual([
      ['cm.data.list', 'a,b'],
      ['item', 'first'],
    ]);
    expect(v.namespaceLabels.get('prod')).toEqual({ env: 'prod' });
  });

  it('rejects a values file without the current schema', () => {
    expect(() => decodeValues({ policies: [] })).toThrow(/deprecated schema/);
  });

  it('accepts the corpus kind Value and keeps Namespace objects and subresources for CEL kinds', () => {
    const cel = decodeValues(
      parse(`
apiVersion: cli.kyverno.io/v1alpha1
kind: Value
namespaceSelector:
- name: shop
  labels: { env: dev }
- name: prod
  labels: { env: prod }
namespaces:
- apiVersion: v1
  kind: Namespace
  metadata: { name: shop, annotations: { a: b } }
subresources:
- subresource: { name: deployments/scale, kind: Scale, group: autoscaling, version: v1 }
  parentResource: { name: deployments, kind: Deployment, group: apps, version: v1 }
`),
    );
    expect(cel.namespaceObjects.get('shop')).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop', annotations: { a: 'b' } },
    });
    expect(cel.namespaceObjects.get('prod')?.metadata).toEqual({ name: 'prod', labels: { env: 'prod' } });
    expect(cel.subresources.map((s) => s.parentResource.kind)).toEqual(['Deployment']);
  });
});
