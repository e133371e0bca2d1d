import { describe, expect, it } from 'vitest';
import { parseDocuments } from '../source/documents.js';
import { loadPolicies, UNKNOWN_POLICY } from './load-policies.js';
import { resourceDocuments } from './documents.js';

const text = `apiVersion: kyverno.io/v2beta1
kind: ClusterPolicy
metadata: { name: p }
spec:
  rules:
    - name: r
      match: { any: [{ resources: { kinds: [Pod] } }] }
      validate: { pattern: { metadata: { name: "?*" } } }
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: { name: a }
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: b
---
apiVersion: kyverno.io/v2
kind: PolicyException
metadata: { name: e, namespace: kyverno }
spec:
  exceptions: [{ policyName: elsewhere, ruleNames: ['*'] }]
  match: { any: [{ resources: { kinds: [Pod] } }] }
---
apiVersion: policies.kyverno.io/v1
kind: ValidatingPolicy
metadata: { name: v }
spec:
  matchConstraints:
    resourceRules: [{ apiGroups: [''], apiVersions: [v1], operations: [CREATE], resources: [pods] }]
  validations: [{ expression: 'true' }]
---
apiVersion: policies.kyverno.io/v1
kind: ImageValidatingPolicy
metadata: { name: iv }
---
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: { name: broken }
spec:
  rules:
    - name: r
      match: { any: [{ resources: { kinds: [Pod] } }] }
      validate: { deny: { conditions: { any: [{ key: '{{ request.( }}', operator: Equals, value: x }] } } }
---
title: not a Kubernetes object
`;

describe('loadPolicies', () => {
  const docs = parseDocuments(text, 'all.yaml').documents;
  const loaded = loadPolicies(docs);

  it('compiles every valid policy of every kind, in load order', () => {
    expect(loaded.policySet.policies.map((p) => [p.kind, p.key, p.family])).toEqual([
      ['ClusterPolicy', 'p', 'classic'],
      ['ValidatingPolicy', 'v', 'cel'],
    ]);
    expect(loaded.policySet.exceptionCount).toBe(1);
  });

  it('rejects invalid documents with file:line and keeps them out of the set', () => {
    expect(loaded.rejected.map((r) => [r.kind, r.name])).toEqual([['ClusterPolicy', 'broken']]);
    expect(loaded.diagnostics[0].source).toMatchObject({ file: 'all.yaml' });
  });

  it('notes kinds set aside and exceptions naming no loaded policy', () => {
    expect(loaded.notes.map((n) => [n.code, n.source?.line])).toEqual([
      ['cel-policy/unsupported-kind', 37],
      [UNKNOWN_POLICY, 21],
    ]);
  });

  it('reads exceptions only from exception documents when they are given apart (Kyverno CLI)', () => {
    expect(loadPolicies(docs, { exceptions: [] }).policySet.exceptionCount).toBe(0);
  });

  it('resources are the Kubernetes objects that are not policies, lists unpacked and pointing into the list', () => {
    const resources = resourceDocuments(docs);
    expect(resources.map((d) => (d.value as { kind: string }).kind)).toEqual(['Pod', 'ConfigMap']);
    expect(resources[1].pos.line).toBe(16);
    expect(resources[1].locate(['metadata', 'name']).line).toBe(19);
  });
});
