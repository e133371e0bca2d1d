import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocuments } from '../source/documents.js';
import { loadPolicies } from './load-policies.js';
import { internalsOf } from './policy-set.js';

const text = readFileSync(new URL('./testdata/admission-policies.yaml', import.meta.url), 'utf8');
const docs = parseDocuments(text, 'admission-policies.yaml').documents;
const set = loadPolicies(docs).policySet;
const names = (stage: 'mutate' | 'validate' | 'generate', resource: object, s = set) =>
  internalsOf(s)
    .select(stage, 'admission', resource as never)
    .map((e) => e.name);

describe('the per-stage index', () => {
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
  ] as const)('%s rules for a %s meet only the policies that can apply', (stage, kind, expected) => {
    expect(names(stage, { apiVersion: 'v1', kind, metadata: { name: 'x', namespace: 'team-a' } })).toEqual(expected);
  });

  it.each([
    ['its own namespace', 'team-a', true],
    ['another namespace', 'team-b', false],
  ])('a namespaced Policy is met in %s only', (_n, namespace, met) => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace } };
    expect(names('validate', pod).includes('require-tier')).toBe(met);
  });

  it('indexes per set: a reloaded set is not answered from the old index', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'default' } };
    expect(names('validate', pod).length).toBeGreaterThan(0);
    const reloaded = loadPolicies(docs.filter((d) => JSON.stringify(d.value).includes('"protect-pods"'))).policySet;
    expect(names('validate', pod, reloaded)).toEqual(['protect-pods']);
  });

  it('answers the same after its bounded index starts over (more namespaces than it keeps)', () => {
    const pod = (namespace: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace } });
    const fresh = loadPolicies(docs).policySet;
    const before = names('validate', pod('team-a'), fresh);
    for (let i = 0; i < 5000; i++) names('validate', pod(`ns-${i}`), fresh);
    expect(names('validate', pod('team-a'), fresh)).toEqual(before);
    expect(names('validate', pod('team-b'), fresh)).not.toContain('require-tier');
  });

  it('a CLI run meets every policy in the validate stage (its empty responses are test rows)', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
    expect(internalsOf(set).select('validate', 'cli', cm as never)).toHaveLength(set.policies.length);
  });
});
