import { describe, expect, it } from 'vitest';
import { QueryCache } from './context/query-cache.js';
import { buildPolicySet } from './policy-set.js';
import { parseDocuments } from './source/documents.js';

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
spec: {}
---
apiVersion: policies.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata: { name: v }
---
apiVersion: policies.kyverno.io/v1
kind: PolicyException
metadata: { name: ce }
---
title: not a Kubernetes object
`;

describe('buildPolicySet', () => {
  const set = buildPolicySet(parseDocuments(text, 'all.yaml').documents, new QueryCache());

  it('sorts documents by role', () => {
    expect(set.policies.map((p) => p.policy.key)).toEqual(['p']);
    expect(set.exceptions).toHaveLength(1);
    expect(set.celPolicies).toHaveLength(1);
    expect(set.celExceptions.map((d) => (d.value as { metadata: { name: string } }).metadata.name)).toEqual(['ce']);
    expect(set.ignored).toHaveLength(1);
  });

  it('expands List items, each pointing back into the list', () => {
    expect(set.resources.map((d) => (d.value as { kind: string }).kind)).toEqual(['Pod', 'ConfigMap']);
    expect(set.resources[1].pos.line).toBe(16);
    expect(set.resources[1].locate(['metadata', 'name']).line).toBe(19);
  });
});
