import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonObject } from '../engine/index.js';
import { loadSnapshot } from '../server/policy-store.js';
import { readyUpdates } from './policy-status.js';

const NOW = new Date('2026-12-05T10:00:00.123Z');

function policy(name: string, extra: JsonObject = {}, spec = 'validationFailureAction: Enforce'): JsonObject {
  return {
    ...(parse(`apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: { name: ${name}, generation: 2, uid: u-${name} }
spec:
  ${spec}
  rules:
    - name: r
      match: { any: [{ resources: { kinds: [Pod] } }] }
      validate: { message: m, pattern: { metadata: { name: "?*" } } }
`) as JsonObject),
    ...extra,
  };
}

const ready = (status: 'True' | 'False', reason: string, message: string, generation = 2) => ({
  conditions: [
    {
      type: 'Ready',
      status,
      reason,
      message,
      observedGeneration: generation,
      lastTransitionTime: '2026-01-01T00:00:00Z',
    },
  ],
});

describe('readyUpdates', () => {
  const good = policy('good');
  const typo = policy('typo', {}, 'validationFailureActoin: Enforce');
  const image = parse(`apiVersion: policies.kyverno.io/v1
kind: ImageValidatingPolicy
metadata: { name: images, generation: 1 }
spec: {}`) as JsonObject;
  const exception = parse(`apiVersion: kyverno.io/v2
kind: PolicyException
metadata: { name: e, namespace: team-a }
spec:
  exceptions: [{ policyName: good, ruleNames: [r] }]
  match: { any: [{ resources: { kinds: [Pod] } }] }`) as JsonObject;

  it('says Ready for a served policy, why not for a refused one, and not evaluated for a kind Tollgate sets aside', () => {
    const objects = [good, typo, image, exception];
    const snapshot = loadSnapshot([], NOW, objects);
    const updates = readyUpdates(objects, snapshot, NOW);
    expect(updates.map((u) => [u.path, (u.status.conditions as JsonObject[])[0]])).toEqual([
      [
        '/apis/kyverno.io/v1/clusterpolicies/good/status',
        {
          type: 'Ready',
          status: 'True',
          reason: 'Succeeded',
          message: 'Ready',
          observedGeneration: 2,
          lastTransitionTime: '2026-12-05T10:00:00Z',
        },
      ],
      [
        '/apis/kyverno.io/v1/clusterpolicies/typo/status',
        expect.objectContaining({
          status: 'False',
          reason: 'Failed',
          message: expect.stringMatching(/unknown field spec\.validationFailureActoin/),
        }),
      ],
      [
        '/apis/policies.kyverno.io/v1/imagevalidatingpolicies/images/status',
        expect.objectContaining({ status: 'False', reason: 'NotEvaluated' }),
      ],
    ]);
    expect(updates[0].status.ready).toBe(true);
    expect(updates[1].status.ready).toBe(false);
    // The refused policy is not in the set; the good one is.
    expect(snapshot.policySet.policies.map((p) => p.name)).toEqual(['good']);
  });

  it('writes nothing when the condition already says it, and keeps the transition time when only the generation moved', () => {
    const current = policy('good', { status: ready('True', 'Succeeded', 'Ready') });
    expect(readyUpdates([current], loadSnapshot([], NOW, [current]), NOW)).toEqual([]);
    const edited = { ...current, metadata: { ...(current.metadata as JsonObject), generation: 3 } };
    const [update] = readyUpdates([edited], loadSnapshot([], NOW, [edited]), NOW);
    expect((update.status.conditions as JsonObject[])[0]).toMatchObject({
      observedGeneration: 3,
      lastTransitionTime: '2026-01-01T00:00:00Z',
    });
  });

  it('keeps other conditions and status fields', () => {
    const current = policy('good', {
      status: { rulecount: { validate: 1 }, conditions: [{ type: 'Other', status: 'True' }] },
    });
    const [update] = readyUpdates([current], loadSnapshot([], NOW, [current]), NOW);
    expect(update.status.rulecount).toEqual({ validate: 1 });
    expect((update.status.conditions as JsonObject[]).map((c) => c.type)).toEqual(['Other', 'Ready']);
  });
});
