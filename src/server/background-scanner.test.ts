import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { KindSpec } from '../cluster/kind-reflector.js';
import { FakeApiServer } from '../cluster/testdata/fake-api-server.js';
import { kubeConfigFor } from '../cluster/testdata/kube-test-helpers.js';
import type { JsonObject } from '../engine/json.js';
import { fixedClock } from '../engine/ports.js';
import type { RuleResult } from '../engine/result/rule-result.js';
import {
  BackgroundScanner,
  kubeResourceSource,
  type ResourceSource,
  type ScannedResource,
} from './background-scanner.js';
import { loadSnapshot, type PolicySnapshot } from './policy-store.js';

const text = (file: string) => readFileSync(new URL(`./testdata/background-scan/${file}`, import.meta.url), 'utf8');
const documents = (file: string) => parseAllDocuments(text(file)).map((d) => d.toJSON() as JsonObject);
const NOW = new Date('2025-01-01T00:00:00Z');
const POLICIES = loadSnapshot([], NOW, documents('policies.yaml'));
const cluster = parse(text('cluster.yaml')) as { discovered: KindSpec[]; objects: Record<string, JsonObject[]> };

const INITIAL = 1_000;
const INTERVAL = 60_000;

/** A ResourceSource over the fixture that records calls; `fail` makes listing a kind reject. */
function fakeSource(fail: Record<string, Error> = {}): ResourceSource & { listed: string[]; discovered: number } {
  const source = {
    listed: [] as string[],
    discovered: 0,
    discover: async () => {
      source.discovered++;
      return new Map(cluster.discovered.map((s) => [`${s.apiVersion}/${s.kind}`, s]));
    },
    list: async (spec: KindSpec) => {
      const key = `${spec.apiVersion}/${spec.kind}`;
      source.listed.push(key);
      if (fail[key]) throw fail[key];
      return structuredClone(cluster.objects[key] ?? []);
    },
  };
  return source;
}

let logs: string[];
let scans: { results: readonly RuleResult[]; scanned: readonly ScannedResource[] }[];

function scannerOf(source: ResourceSource, snapshot: PolicySnapshot | null = POLICIES) {
  return new BackgroundScanner({
    snapshot: () => snapshot ?? undefined,
    source,
    scan: {
      services: {
        clock: fixedClock(NOW),
        namespaces: (name) =>
          name === 'prod-a'
            ? { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { env: 'prod' } } }
            : undefined,
      },
    },
    onScan: (results, scanned) => scans.push({ results, scanned }),
    log: (m) => logs.push(m),
    intervalMs: INTERVAL,
    initialDelayMs: INITIAL,
  });
}
const summary = (results: readonly RuleResult[]) =>
  results.map((r) => `${r.policy}/${r.rule} ${r.resource.name}: ${r.status}`);

beforeEach(() => {
  logs = [];
  scans = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BackgroundScanner', () => {
  it('scans shortly after start, then every interval', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const source = fakeSource();
    const scanner = scannerOf(source);
    scanner.start();
    await vi.advanceTimersByTimeAsync(INITIAL - 1);
    expect(scans).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(scans).toHaveLength(1));
    expect(summary(scans[0].results)).toEqual([
      'require-team/team web: fail',
      'operation-aware/in-background web: fail',
      'operation-aware/on-create web: skip',
      'prod-tier/tier settings: fail',
    ]);
    // coredns is listed (and hidden by the kube-system resource filter), so its stale results can be dropped.
    expect(scans[0].scanned[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'shop',
      name: 'web',
      uid: 'uid-web',
    });
    expect(scans[0].scanned.map((r) => `${r.kind}/${r.namespace}/${r.name}`)).toEqual([
      'Pod/shop/web',
      'Pod/kube-system/coredns',
      'ConfigMap/prod-a/settings',
    ]);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    await vi.waitFor(() => expect(scans).toHaveLength(2));
    scanner.stop();
  });

  it('keeps the schedule when onScan throws, logging the error', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const source = fakeSource();
    const scanner = new BackgroundScanner({
      snapshot: () => POLICIES,
      source,
      scan: { services: { clock: fixedClock(NOW) } },
      onScan: () => {
        throw new Error('report store full');
      },
      log: (m) => logs.push(m),
      intervalMs: INTERVAL,
      initialDelayMs: INITIAL,
    });
    scanner.start();
    await vi.advanceTimersByTimeAsync(INITIAL);
    await vi.waitFor(() => expect(logs).toContain('background scan failed: report store full'));
    await vi.advanceTimersByTimeAsync(INTERVAL);
    await vi.waitFor(() => expect(source.discovered).toBe(2));
    scanner.stop();
  });

  it('logs a kind that cannot be listed and still scans the others', async () => {
    const source = fakeSource({ 'v1/Pod': new Error('GET /api/v1/pods: HTTP 403: forbidden') });
    const run = await scannerOf(source).scanNow();
    expect(run?.failedKinds).toEqual(['v1/Pod']);
    expect(summary(scans[0].results)).toEqual(['prod-tier/tier settings: fail']);
    expect(logs).toContain('background scan of v1/Pod failed: GET /api/v1/pods: HTTP 403: forbidden');
  });

  it('lists only the kinds the background policies match and logs those the server does not serve', async () => {
    const source = fakeSource();
    await scannerOf(source).scanNow();
    expect(source.listed).toEqual(['v1/Pod', 'apps/v1/Deployment', 'v1/ConfigMap']);
    expect(logs).toContain(
      'background scan: kinds not served by the API server: apps/v1/DaemonSet, batch/v1/Job, apps/v1/ReplicaSet, ' +
        'ReplicationController, apps/v1/StatefulSet, batch/v1/CronJob',
    );
  });

  it('logs wildcard kinds as not scanned', async () => {
    const all = loadSnapshot([], NOW, [...documents('policies.yaml'), ...documents('kinds.yaml')]);
    await scannerOf(fakeSource(), all).scanNow();
    expect(logs).toContain('background scan: wildcard kinds are not scanned: *');
  });

  it.each([
    ['no policies are loaded', null, 'background scan skipped: no policies loaded'],
    ['discovery fails', POLICIES, 'background scan skipped: API discovery failed: GET /api: HTTP 401'],
  ])('delivers nothing when %s', async (_n, snapshot, message) => {
    const source = fakeSource();
    source.discover = () => Promise.reject(new Error('GET /api: HTTP 401'));
    expect(await scannerOf(source, snapshot).scanNow()).toBeUndefined();
    expect(scans).toEqual([]);
    expect(logs).toEqual([message]);
  });

  it('runs one scan at a time: a second request joins the running scan', async () => {
    const source = fakeSource();
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const list = source.list;
    source.list = async (spec) => {
      await gate;
      return list(spec);
    };
    const scanner = scannerOf(source);
    const first = scanner.scanNow();
    expect(scanner.scanNow()).toBe(first);
    await vi.waitFor(() => expect(source.discovered).toBe(1));
    expect(scanner.scanNow()).toBe(first);
    open();
    await first;
    expect(source.discovered).toBe(1);
    expect(scans).toHaveLength(1);
    await scanner.scanNow();
    expect(source.discovered).toBe(2);
  });

  it('stop() cancels the timers and a scan in progress delivers nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const source = fakeSource();
    const scanner = scannerOf(source);
    scanner.start();
    scanner.stop();
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(source.discovered).toBe(0);
    scanner.start();
    await vi.advanceTimersByTimeAsync(INITIAL);
    await vi.waitFor(() => expect(scans).toHaveLength(1));
    const running = scanner.scanNow();
    scanner.stop();
    expect(await running).toBeUndefined();
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(scans).toHaveLength(1);
  });
});

describe('kubeResourceSource', () => {
  it('lists a collection and stamps apiVersion and kind on the items', async () => {
    const server = new FakeApiServer({
      '/api/v1/configmaps': {
        listKind: 'ConfigMapList',
        apiVersion: 'v1',
        items: [{ metadata: { name: 'settings', namespace: 'default' }, data: { mode: 'strict' } }],
      },
    });
    try {
      const source = kubeResourceSource(kubeConfigFor(await server.listen()), () => {});
      const items = await source.list({ apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true });
      expect(items).toEqual([
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'settings', namespace: 'default' },
          data: { mode: 'strict' },
        },
      ]);
    } finally {
      await server.close();
    }
  });
});
