import { describe, expect, it } from 'vitest';
import { fixedClock, type JsonObject } from '../engine/index.js';
import { MemoryCluster } from '../cluster/memory-store.js';
import { loadSnapshot } from './policy-store.js';
import { planGenerateSync } from './generate-sync.js';
import { downstreamConfigMap, generatePolicy } from './testdata/generate-sync-fixtures.js';

const namespace = (name: string, uid: string): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, uid },
});

function plan(lifecycle: string, triggers: JsonObject[], existing: JsonObject[], remembered: string[] = []) {
  const snapshot = loadSnapshot([], new Date(), [generatePolicy(lifecycle)]);
  const cluster = new MemoryCluster([...triggers, ...existing]);
  const p = planGenerateSync(
    snapshot.policySet,
    { triggers, downstream: existing, listedKinds: new Set(['/v1/Namespace']) },
    { clock: fixedClock(new Date('2026-12-05T00:00:00Z')), cluster },
    new Set(remembered),
  );
  return {
    apply: p.apply.map((g) => `${g.action} ${String((g.resource.metadata as JsonObject).namespace)}`),
    remove: p.remove.map((o) => String((o.metadata as JsonObject).namespace)),
    seen: [...p.seen],
  };
}

const PAIR = 'u-a|/defaults/settings';

describe('planGenerateSync', () => {
  it.each([
    [
      'a trigger that existed before the policy: nothing without generateExisting',
      'synchronize: true',
      [],
      [],
      { apply: [], remove: [], seen: [] },
    ],
    [
      'generateExisting creates for it',
      'generateExisting: true',
      [],
      [],
      { apply: ['create a'], remove: [], seen: [PAIR] },
    ],
    [
      'synchronize reverts an edited downstream object',
      'synchronize: true',
      [downstreamConfigMap('a', 'u-a', 'bronze')],
      [],
      { apply: ['update a'], remove: [], seen: [PAIR] },
    ],
    [
      'an unchanged downstream object is left alone',
      'synchronize: true',
      [downstreamConfigMap('a', 'u-a', 'gold')],
      [],
      { apply: [], remove: [], seen: [PAIR] },
    ],
    [
      'synchronize recreates a deleted downstream object',
      'synchronize: true',
      [],
      [PAIR],
      { apply: ['create a'], remove: [], seen: [PAIR] },
    ],
    [
      'without synchronize a deleted one stays deleted',
      'synchronize: false',
      [],
      [PAIR],
      { apply: [], remove: [], seen: [] },
    ],
    [
      'without synchronize an edit stays',
      'synchronize: false',
      [downstreamConfigMap('a', 'u-a', 'bronze')],
      [],
      { apply: [], remove: [], seen: [PAIR] },
    ],
  ])('%s', (_name, lifecycle, existing, remembered, expected) => {
    expect(plan(lifecycle, [namespace('a', 'u-a')], existing, remembered)).toEqual(expected);
  });

  it('deletes the downstream objects of a deleted trigger with synchronize, and keeps them without', () => {
    const orphan = downstreamConfigMap('gone', 'u-gone', 'gold');
    expect(plan('synchronize: true', [namespace('a', 'u-a')], [orphan]).remove).toEqual(['gone']);
    expect(plan('synchronize: false', [namespace('a', 'u-a')], [orphan]).remove).toEqual([]);
  });
});
