import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonObject } from '../engine/json.js';
import { watchPolicies, type PolicyWatch } from './policy-watch.js';
import { FakeApiServer, type Collection } from './testdata/fake-api-server.js';
import { eventually, kubeConfigFor } from './testdata/kube-test-helpers.js';

const fixture = parse(readFileSync(new URL('./testdata/kube-cluster.yaml', import.meta.url), 'utf8')) as {
  collections: Record<string, Collection>;
  celCollections: Record<string, Collection>;
  celDiscovery: Record<string, JsonObject>;
};
const EXCEPTIONS = '/apis/kyverno.io/v2/policyexceptions';
const CPOL = '/apis/kyverno.io/v1/clusterpolicies';

let server: FakeApiServer;
let watch: PolicyWatch | undefined;
let calls: string[][];

const names = (docs: JsonObject[]): string[] =>
  docs.map((d) => `${String(d.kind)}/${String((d.metadata as JsonObject).name)}`).sort();

async function start(): Promise<void> {
  const kc = kubeConfigFor(await server.listen());
  const opts = { debounceMs: 30, backoff: { initialMs: 20, maxMs: 100 } };
  watch = await watchPolicies(kc, (docs) => calls.push(names(docs)), opts);
}

beforeEach(() => {
  server = new FakeApiServer(fixture.collections);
  calls = [];
});
afterEach(async () => {
  watch?.stop();
  watch = undefined;
  await server.close();
});

describe('watchPolicies', () => {
  it('reports the initial set once, before it resolves (serve answers with it at once)', async () => {
    await start();
    expect(calls).toEqual([['ClusterPolicy/require-labels', 'Policy/team-rule']]);
    await new Promise((r) => setTimeout(r, 80));
    expect(calls).toHaveLength(1);
  });

  it('reports the full set once after a burst of changes', async () => {
    await start();
    await eventually(() => expect(calls).toHaveLength(1));
    await eventually(() => expect(server.watchCount(EXCEPTIONS)).toBe(1));
    const exc = { apiVersion: 'kyverno.io/v2', kind: 'PolicyException', metadata: { name: 'e', namespace: 'a' } };
    server.emit(EXCEPTIONS, 'ADDED', exc);
    server.emit(CPOL, 'DELETED', {
      apiVersion: 'kyverno.io/v1',
      kind: 'ClusterPolicy',
      metadata: { name: 'require-labels' },
    });
    await eventually(() => expect(calls).toHaveLength(2));
    expect(calls[1]).toEqual(['Policy/team-rule', 'PolicyException/e']);
  });

  it('also watches the CEL policy kinds the API server serves', async () => {
    await server.close();
    server = new FakeApiServer({ ...fixture.collections, ...fixture.celCollections }, fixture.celDiscovery);
    await start();
    await eventually(() =>
      expect(calls).toEqual([['ClusterPolicy/require-labels', 'Policy/team-rule', 'ValidatingPolicy/check-labels']]),
    );
  });

  it('rejects when the initial LIST fails', async () => {
    server.failWith = 401;
    await expect(start()).rejects.toThrow(/HTTP 401/);
  });

  it('calls nothing after stop()', async () => {
    await start();
    watch?.stop();
    await eventually(() => expect(server.watchCount(EXCEPTIONS)).toBeLessThanOrEqual(1));
    server.emit(EXCEPTIONS, 'ADDED', {
      apiVersion: 'kyverno.io/v2',
      kind: 'PolicyException',
      metadata: { name: 'e', namespace: 'a' },
    });
    await new Promise((r) => setTimeout(r, 80));
    expect(calls).toHaveLength(1);
  });
});
