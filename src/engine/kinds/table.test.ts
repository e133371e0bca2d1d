import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { parseDocuments } from '../source/documents.js';
import { loadPolicies } from '../policy-set/load-policies.js';
import { kindOf } from './table.js';

const doc = (apiVersion: string, kind: string, spec: JsonObject = {}, metadata: JsonObject = { name: 'p' }) => ({
  apiVersion,
  kind,
  metadata,
  spec,
});

describe('the kind table', () => {
  it.each([
    ['kyverno.io/v1', 'ClusterPolicy', 'ClusterPolicy/Policy (kyverno.io)'],
    ['kyverno.io/v2beta1', 'Policy', 'ClusterPolicy/Policy (kyverno.io)'],
    [
      'policies.kyverno.io/v1alpha1',
      'ValidatingPolicy',
      'ValidatingPolicy/NamespacedValidatingPolicy (policies.kyverno.io)',
    ],
    [
      'policies.kyverno.io/v1',
      'NamespacedValidatingPolicy',
      'ValidatingPolicy/NamespacedValidatingPolicy (policies.kyverno.io)',
    ],
    ['policies.kyverno.io/v1alpha1', 'MutatingPolicy', 'MutatingPolicy/NamespacedMutatingPolicy (policies.kyverno.io)'],
    ['policies.kyverno.io/v1', 'GeneratingPolicy', 'GeneratingPolicy/NamespacedGeneratingPolicy (policies.kyverno.io)'],
    ['kyverno.io/v2', 'PolicyException', 'PolicyException (kyverno.io)'],
    ['policies.kyverno.io/v1', 'PolicyException', 'PolicyException (policies.kyverno.io)'],
    // Recognised, not evaluated: set aside with a note.
    [
      'policies.kyverno.io/v1alpha1',
      'NamespacedValidatingPolicy',
      'ImageValidatingPolicy/DeletingPolicy (policies.kyverno.io, not evaluated)',
    ],
    [
      'policies.kyverno.io/v2',
      'ValidatingPolicy',
      'ImageValidatingPolicy/DeletingPolicy (policies.kyverno.io, not evaluated)',
    ],
    [
      'policies.kyverno.io/v1',
      'ImageValidatingPolicy',
      'ImageValidatingPolicy/DeletingPolicy (policies.kyverno.io, not evaluated)',
    ],
  ])('%s %s is loaded by %s', (apiVersion, kind, entry) => {
    expect(kindOf(doc(apiVersion, kind))?.kind.name).toBe(entry);
  });

  it.each([
    ['v1', 'ConfigMap'],
    ['kyverno.io/v2', 'ClusterCleanupPolicy'],
    ['argoproj.io/v1alpha1', 'Application'],
  ])('%s %s is not a policy document', (apiVersion, kind) => {
    expect(kindOf(doc(apiVersion, kind))).toBeUndefined();
  });

  it('a loaded policy tells drivers its name, namespace, key, annotations, family and stages', () => {
    const text = JSON.stringify(
      doc(
        'policies.kyverno.io/v1',
        'NamespacedValidatingPolicy',
        { validations: [{ expression: 'true' }], validationActions: ['Audit'] },
        { name: 'p', namespace: 'team', annotations: { 'policies.kyverno.io/scored': 'false' } },
      ),
    );
    const [policy] = loadPolicies(parseDocuments(text, 'p.json').documents).policySet.policies;
    expect(policy).toMatchObject({
      kind: 'NamespacedValidatingPolicy',
      name: 'p',
      namespace: 'team',
      key: 'team/p',
      annotations: { 'policies.kyverno.io/scored': 'false' },
      family: 'cel',
      admission: { enabled: true, failurePolicy: 'Fail', mayEnforce: false },
    });
    expect([...policy.stages]).toEqual(['validate']);
  });
});
