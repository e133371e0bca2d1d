import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../engine/json.js';
import { GeneratedResourceWriter } from './generated-writer.js';
import type { KindSpec } from './kind-reflector.js';
import { FakeApiServer } from './testdata/fake-api-server.js';
import { kubeConfigFor } from './testdata/kube-test-helpers.js';

const CONFIGMAPS = '/api/v1/configmaps';
const kinds = new Map<string, KindSpec>([
  ['v1/ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true }],
]);
const configMap = (data: Record<string, string>): JsonObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'defaults', namespace: 'team-a', labels: { 'generate.kyverno.io/policy-name': 'p' } },
  data,
});

let server: FakeApiServer;
let writer: GeneratedResourceWriter;
let logs: string[];

beforeEach(async () => {
  server = new FakeApiServer({ [CONFIGMAPS]: { listKind: 'ConfigMapList', apiVersion: 'v1', items: [] } });
  logs = [];
  writer = new GeneratedResourceWriter(
    kubeConfigFor(await server.listen()),
    (m) => logs.push(m),
    async () => kinds,
  );
});
afterEach(async () => {
  await server.close();
});

describe('GeneratedResourceWriter', () => {
  it('creates a generated resource with server-side apply, then updates it', async () => {
    expect(await writer.apply([configMap({ a: '1' })])).toEqual({ applied: 1, failed: 0 });
    expect(await writer.apply([configMap({ a: '2' })])).toEqual({ applied: 1, failed: 0 });
    expect(server.items(CONFIGMAPS).map((o) => o.data)).toEqual([{ a: '2' }]);
    const patches = server.calls.filter((c) => c.method === 'PATCH').map((c) => c.path);
    expect(patches).toEqual([
      '/api/v1/namespaces/team-a/configmaps/defaults',
      '/api/v1/namespaces/team-a/configmaps/defaults',
    ]);
  });

  it.each([
    [
      'a kind the API server does not serve',
      { ...configMap({}), apiVersion: 'example.com/v1', kind: 'Widget' },
      /does not serve this kind/,
    ],
    ['an API error', configMap({}), /HTTP 500/],
  ])('counts %s as failed and logs it', async (_n, resource, message) => {
    server.failWhen = (method) => (method === 'PATCH' ? 500 : undefined);
    expect(await writer.apply([resource])).toEqual({ applied: 0, failed: 1 });
    expect(logs.join('\n')).toMatch(message);
  });
});
