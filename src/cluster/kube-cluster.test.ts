import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonObject } from '../engine/json.js';
import { KubeCluster, type KindSpec } from './kube-cluster.js';
import { KubeApiError } from './kube-list.js';
import { FakeApiServer, type Collection } from './testdata/fake-api-server.js';
import { eventually, kubeConfigFor } from './testdata/kube-test-helpers.js';

interface WatchCase {
  name: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: JsonObject;
  expect: { namespace: string; name: string; data: JsonObject | null };
}
const fixture = parse(readFileSync(new URL('./testdata/kube-cluster.yaml', import.meta.url), 'utf8')) as {
  collections: Record<string, Collection>;
  watchEvents: WatchCase[];
};

const CM = '/api/v1/configmaps';
const CPOL = '/apis/kyverno.io/v1/clusterpolicies';
const KINDS: KindSpec[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
  { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', plural: 'clusterpolicies', namespaced: false },
];
const FAST = { initialMs: 20, maxMs: 100 };

let server: FakeApiServer;
let cluster: KubeCluster | undefined;
let logs: string[];

async function startCluster(kinds = KINDS): Promise<KubeCluster> {
  const kc = kubeConfigFor(await server.listen());
  cluster = new KubeCluster(kc, { kinds, backoff: FAST, log: (m) => logs.push(m) });
  await cluster.start();
  return cluster;
}

beforeEach(() => {
  server = new FakeApiServer(fixture.collections);
  logs = [];
});
afterEach(async () => {
  cluster?.stop();
  cluster = undefined;
  await server.close();
});

describe('KubeCluster initial LIST', () => {
  it('fills the cache, stamping apiVersion and kind on list items', async () => {
    const c = await startCluster();
    expect(c.getConfigMap('default', 'settings')).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      data: { mode: 'strict' },
    });
    expect(c.getResource('kyverno.io/v1', 'ClusterPolicy', '', 'require-labels')?.spec).toEqual({ rules: [] });
    expect(c.listResources('v1', 'ConfigMap', '', { app: 'web' }).map((o) => (o.metadata as JsonObject).name)).toEqual([
      'settings',
    ]);
  });

  it('serves GET API paths of cached kinds and refuses the rest', async () => {
    const c = await startCluster();
    expect(c.apiCall('/api/v1/namespaces/team-a/configmaps/limits', 'GET')).toMatchObject({ data: { cpu: '2' } });
    expect(c.apiCall('/api/v1/namespaces/empty/configmaps', 'GET')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMapList',
      items: [],
    });
    expect(() => c.apiCall('/api/v1/namespaces/default/configmaps/missing', 'GET')).toThrow(/not found/);
    expect(() => c.apiCall('/api/v1/namespaces/default/secrets', 'GET')).toThrow(
      'not cached: /api/v1/namespaces/default/secrets',
    );
    expect(() => c.apiCall('/apis/kyverno.io/v1/namespaces/a/clusterpolicies', 'GET')).toThrow(/not cached/);
    expect(() => c.apiCall('/api/v1/configmaps', 'POST', {})).toThrow(/not cached/);
  });

  it('follows continue tokens across pages', async () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ metadata: { name: `cm-${i}`, namespace: 'bulk' } }));
    server = new FakeApiServer({ [CM]: { listKind: 'ConfigMapList', apiVersion: 'v1', items: many } });
    const c = await startCluster([KINDS[0]]);
    expect(c.listResources('v1', 'ConfigMap', 'bulk')).toHaveLength(501);
    expect(server.requests.filter((u) => u.includes('continue=500'))).toHaveLength(1);
  });

  it('rejects start() with the API status when the LIST is refused', async () => {
    server.failWith = 403;
    const err = await startCluster().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as KubeApiError).statusCode).toBe(403);
  });
});

describe('KubeCluster WATCH', () => {
  it.each(fixture.watchEvents)('$name', async ({ type, object, expect: want }) => {
    const c = await startCluster();
    await eventually(() => expect(server.watchCount(CM)).toBe(1));
    server.emit(CM, type, object);
    await eventually(() => expect(c.getConfigMap(want.namespace, want.name)?.data ?? null).toEqual(want.data));
  });

  it('updates cluster-scoped kinds too', async () => {
    const c = await startCluster();
    await eventually(() => expect(server.watchCount(CPOL)).toBe(1));
    server.emit(CPOL, 'ADDED', { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p2' } });
    await eventually(() => expect(c.getResource('kyverno.io/v1', 'ClusterPolicy', '', 'p2')).toBeDefined());
  });

  it('reconnects after the server drops the stream, resuming from the last resourceVersion', async () => {
    const c = await startCluster();
    await eventually(() => expect(server.watchCount(CM)).toBe(1));
    server.emit(CM, 'ADDED', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one', namespace: 'x' } });
    await eventually(() => expect(c.getConfigMap('x', 'one')).toBeDefined());
    const lastRv = (c.getConfigMap('x', 'one')?.metadata as JsonObject).resourceVersion;
    server.dropWatches(CM);
    await eventually(() => expect(server.watchCount(CM)).toBe(2));
    expect(server.requests.at(-1)).toContain(`resourceVersion=${String(lastRv)}`);
    server.emit(CM, 'ADDED', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two', namespace: 'x' } });
    await eventually(() => expect(c.getConfigMap('x', 'two')).toBeDefined());
  });

  it.each(['event', 'status'] as const)('re-lists after 410 Gone delivered as %s', async (goneAs) => {
    const c = await startCluster();
    await eventually(() => expect(server.watchCount(CM)).toBe(1));
    server.goneAs = goneAs;
    server.replaceSilently(CM, [{ metadata: { name: 'only', namespace: 'default' }, data: { v: '1' } }]);
    server.dropWatches(CM);
    await eventually(() =>
      expect(c.listResources('v1', 'ConfigMap', '').map((o) => (o.metadata as JsonObject).name)).toEqual(['only']),
    );
    expect(logs.join('\n')).toMatch(goneAs === 'event' ? /too old resource version/ : /failed: Gone/);
    server.emit(CM, 'ADDED', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'after', namespace: 'default' },
    });
    await eventually(() => expect(c.getConfigMap('default', 'after')).toBeDefined());
  });

  it('retries with backoff while the server fails, then recovers', async () => {
    const c = await startCluster();
    await eventually(() => expect(server.watchCount(CM)).toBe(1));
    server.failWith = 503;
    server.dropWatches();
    await eventually(() => expect(server.watchCount(CM)).toBeGreaterThanOrEqual(3));
    server.failWith = undefined;
    server.emit(CM, 'ADDED', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'x' } });
    await eventually(() => expect(c.getConfigMap('x', 'late')).toBeDefined());
    expect(logs.some((m) => m.includes('Service Unavailable'))).toBe(true);
  });

  it('stops watching and reconnecting after stop()', async () => {
    const c = await startCluster();
    await eventually(() => expect(server.watchCount(CM)).toBe(1));
    c.stop();
    server.dropWatches();
    await new Promise((r) => setTimeout(r, 100));
    expect(server.watchCount(CM)).toBe(1);
  });
});
