import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { discoverResources, resolveKinds, type KindRef } from './discovery.js';
import type { KindSpec } from './kind-reflector.js';
import { kubeConfigFor } from './testdata/kube-test-helpers.js';

const fixture = parse(readFileSync(new URL('./testdata/discovery.yaml', import.meta.url), 'utf8')) as {
  unavailable: string[];
  paths: Record<string, unknown>;
};

// A local API server answering the discovery paths of the fixture; `down` makes every path answer 503.
let server: Server;
let requests: string[];
let down: boolean;

async function serve(): Promise<string> {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    requests.push(path);
    const body = down ? undefined : fixture.paths[path];
    const status = body ? 200 : down || fixture.unavailable.includes(path) ? 503 : 404;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: status }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(() => {
  requests = [];
  down = false;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const spec = (apiVersion: string, kind: string, plural: string, namespaced = true): KindSpec => ({
  apiVersion,
  kind,
  plural,
  namespaced,
});

describe('discoverResources', () => {
  it('lists the listable top-level kinds of the core group and each preferred group version', async () => {
    const errors: string[] = [];
    const found = await discoverResources(kubeConfigFor(await serve()), (m) => errors.push(m));
    expect([...found.keys()].sort()).toEqual([
      'apps/v1/Deployment',
      'apps/v1/ReplicaSet',
      'autoscaling/v2/HorizontalPodAutoscaler',
      'events.k8s.io/v1/Event',
      'v1/ConfigMap',
      'v1/Event',
      'v1/Namespace',
      'v1/Pod',
    ]);
    expect(found.get('v1/Pod')).toEqual(spec('v1', 'Pod', 'pods'));
    expect(found.get('v1/Namespace')).toEqual(spec('v1', 'Namespace', 'namespaces', false));
    expect(found.get('apps/v1/Deployment')).toEqual(spec('apps/v1', 'Deployment', 'deployments'));
    expect(errors).toEqual(['discovery of metrics.k8s.io/v1beta1 failed: GET /apis/metrics.k8s.io/v1beta1: HTTP 503']);
    expect(requests).not.toContain('/apis/autoscaling/v1');
    expect(requests.slice(0, 3)).toEqual(['/api', '/api/v1', '/apis']);
  });

  it('rejects when the core discovery endpoints fail', async () => {
    down = true;
    await expect(discoverResources(kubeConfigFor(await serve()))).rejects.toThrow('GET /api: HTTP 503');
  });
});

describe('resolveKinds', () => {
  let discovered: Map<string, KindSpec>;
  beforeEach(async () => {
    discovered = await discoverResources(kubeConfigFor(await serve()));
  });

  it.each<{ name: string; wanted: KindRef[]; specs: string[]; unknown: KindRef[] }>([
    { name: 'a bare kind', wanted: [{ kind: 'Pod' }], specs: ['v1/pods'], unknown: [] },
    {
      name: 'a kind with its apiVersion',
      wanted: [{ apiVersion: 'apps/v1', kind: 'Deployment' }],
      specs: ['apps/v1/deployments'],
      unknown: [],
    },
    {
      name: 'a bare kind of a named group',
      wanted: [{ kind: 'Deployment' }],
      specs: ['apps/v1/deployments'],
      unknown: [],
    },
    {
      name: 'a bare kind served by two groups',
      wanted: [{ kind: 'Event' }],
      specs: ['v1/events', 'events.k8s.io/v1/events'],
      unknown: [],
    },
    {
      name: 'the same collection wanted twice',
      wanted: [{ kind: 'Pod' }, { apiVersion: 'v1', kind: 'Pod' }],
      specs: ['v1/pods'],
      unknown: [],
    },
    {
      name: 'a version other than the preferred one, and an unknown kind',
      wanted: [
        { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler' },
        { kind: 'Widget' },
        { kind: 'Scale' },
      ],
      specs: [],
      unknown: [
        { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler' },
        { kind: 'Widget' },
        { kind: 'Scale' },
      ],
    },
  ])('$name', ({ wanted, specs, unknown }) => {
    const r = resolveKinds(wanted, discovered);
    expect(r.specs.map((s) => `${s.apiVersion}/${s.plural}`)).toEqual(specs);
    expect(r.unknown).toEqual(unknown);
  });
});
