import { describe, expect, it } from 'vitest';
import { fixedClock, type JsonObject } from '../engine/index.js';
import type { KindSpec } from '../cluster/kind-reflector.js';
import { loadSnapshot } from './policy-store.js';
import { GenerateSyncer } from './generate-syncer.js';
import { downstreamConfigMap, generatePolicy } from './testdata/generate-sync-fixtures.js';

const policy = generatePolicy('synchronize: true');

const SPECS: KindSpec[] = [
  { apiVersion: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false },
  { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
];

// The ConfigMap generated for a Namespace that has since been deleted.
const orphan = downstreamConfigMap('gone', 'u-gone', 'gold');

async function round(namespaces: () => JsonObject[]) {
  const removed: JsonObject[] = [];
  const syncer = new GenerateSyncer({
    snapshot: () => loadSnapshot([], new Date(), [policy]),
    source: {
      discover: async () => new Map(SPECS.map((s) => [`${s.apiVersion}/${s.kind}`, s])),
      list: async (spec) => (spec.kind === 'Namespace' ? namespaces() : [orphan]),
    },
    apply: async () => {},
    remove: async (objects) => void removed.push(...objects),
    clock: fixedClock(new Date('2026-12-05T00:00:00Z')),
    intervalMs: 1000,
    log: () => {},
  });
  syncer.remember([orphan]);
  await syncer.syncNow();
  return removed.map(
    (o) => `${String((o.metadata as JsonObject).namespace)}/${String((o.metadata as JsonObject).name)}`,
  );
}

describe('GenerateSyncer', () => {
  it('deletes the downstream object of a trigger that is gone from a complete list', async () => {
    expect(await round(() => [])).toEqual(['gone/settings']);
  });

  it('deletes nothing when the trigger kind could not be listed (the trigger may well exist)', async () => {
    expect(
      await round(() => {
        throw new Error('HTTP 503');
      }),
    ).toEqual([]);
  });
});
