import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonObject } from '../engine/json.js';
import { ClusterReportWriter, objectPath, type WriteStats } from './report-writer.js';
import { FakeApiServer } from './testdata/fake-api-server.js';
import { kubeConfigFor } from './testdata/kube-test-helpers.js';

interface Before {
  modify?: string;
  fail?: { method: string; status: number; once?: boolean };
  heal?: boolean;
  forgetWriter?: boolean;
}
interface Step {
  before?: Before;
  write: string[];
  expect: Partial<WriteStats>;
  calls?: string[];
  logs?: number;
  stored?: string[];
  putsCarryStoredVersion?: boolean;
}
const fixture = parse(readFileSync(new URL('./testdata/report-writer.yaml', import.meta.url), 'utf8')) as {
  reports: Record<string, JsonObject>;
  scenarios: { name: string; steps: Step[] }[];
};

const API = '/apis/wgpolicyk8s.io/v1alpha2';
const NS_REPORTS = `${API}/policyreports`;
const CLUSTER_REPORTS = `${API}/clusterpolicyreports`;
const ZERO: WriteStats = { created: 0, updated: 0, deleted: 0, unchanged: 0, failed: 0 };

// `shop/NAME` → namespaced object path, `cluster/NAME` → cluster-scoped one; without NAME the collection.
function apiPath(short: string): string {
  const [scope, name] = short.split('/');
  const base = scope === 'cluster' ? CLUSTER_REPORTS : `${API}/namespaces/${scope}/policyreports`;
  return name ? `${base}/${name}` : base;
}

const storedReports = () => [...server.items(NS_REPORTS), ...server.items(CLUSTER_REPORTS)];
const nameOf = (o: JsonObject) => (o.metadata as { name: string }).name;

let server: FakeApiServer;
let url: string;
let logs: string[];

beforeEach(async () => {
  server = new FakeApiServer({});
  url = await server.listen();
  logs = [];
});
afterEach(() => server.close());

function prepare(before: Before): void {
  if (before.heal) server.failWhen = undefined;
  if (before.fail) {
    const { method, status, once } = before.fail;
    let used = false;
    server.failWhen = (m) => (m !== method || (once && used) ? undefined : ((used = true), status));
  }
  if (before.modify) {
    const stored = storedReports().find((o) => nameOf(o) === nameOf(fixture.reports[before.modify!]))!;
    const md = stored.metadata as JsonObject;
    const path = md.namespace ? NS_REPORTS : CLUSTER_REPORTS;
    server.emit(path, 'MODIFIED', { ...stored, metadata: { ...md, annotations: { touched: 'yes' } } });
  }
}

describe('ClusterReportWriter', () => {
  it.each(fixture.scenarios)('$name', async ({ steps }) => {
    const newWriter = () => new ClusterReportWriter(kubeConfigFor(url), { log: (m) => logs.push(m) });
    let writer = newWriter();
    for (const step of steps) {
      if (step.before) prepare(step.before);
      if (step.before?.forgetWriter) writer = newWriter();
      const versions = new Map(storedReports().map((o) => [nameOf(o), (o.metadata as JsonObject).resourceVersion]));
      const callsBefore = server.calls.length;
      logs = [];
      const stats = await writer.write(step.write.map((n) => fixture.reports[n]));
      expect(stats).toEqual({ ...ZERO, ...step.expect });
      const calls = server.calls.slice(callsBefore);
      if (step.calls) expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(step.calls.map(expandCall));
      if (step.logs !== undefined) expect(logs).toHaveLength(step.logs);
      if (step.stored) expectStored(step.stored);
      for (const put of step.putsCarryStoredVersion ? calls.filter((c) => c.method === 'PUT') : [])
        expect((put.body?.metadata as JsonObject).resourceVersion).toBe(versions.get(nameOf(put.body!)));
    }
  });

  it('gives created reports the server-assigned fields and keeps them visible to LIST', async () => {
    const writer = new ClusterReportWriter(kubeConfigFor(url));
    await writer.write([fixture.reports.web]);
    const [stored] = server.items(NS_REPORTS);
    expect(stored).toMatchObject({ kind: 'PolicyReport', metadata: { name: '5b1c-web', namespace: 'shop' } });
    expect((stored.metadata as JsonObject).uid).toEqual(expect.any(String));
  });

  it('waits for its token bucket: with qps 10 and burst 1, eight calls take at least 0.5 s', async () => {
    const writer = new ClusterReportWriter(kubeConfigFor(url), { qps: 10, burst: 1 });
    const started = performance.now();
    const stats = await writer.write(['web', 'db', 'node', 'web-x'].map(variant));
    expect(stats.created).toBe(4); // GET + POST each
    expect(performance.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('counts every report as failed when the API server is unreachable, without throwing', async () => {
    await server.close();
    const writer = new ClusterReportWriter(kubeConfigFor(url), { log: (m) => logs.push(m) });
    expect(await writer.write([fixture.reports.web])).toEqual({ ...ZERO, failed: 1 });
    expect(logs[0]).toMatch(
      /^policy report \/apis\/wgpolicyk8s\.io\/v1alpha2\/namespaces\/shop\/policyreports\/5b1c-web/,
    );
    server = new FakeApiServer({});
    url = await server.listen();
  });

  it.each([
    [{ kind: 'PolicyReport', metadata: { name: 'a', namespace: 'n s' } }, `${API}/namespaces/n%20s/policyreports/a`],
    [{ kind: 'ClusterPolicyReport', metadata: { name: 'c' } }, `${API}/clusterpolicyreports/c`],
    [{ kind: 'PolicyReport', metadata: { name: 'a' } }, undefined],
    [{ kind: 'ConfigMap', metadata: { name: 'a', namespace: 'x' } }, undefined],
  ])('objectPath(%j) is %s', (report, path) => {
    expect(objectPath(report)).toBe(path);
  });
});

function expandCall(call: string): string {
  const [method, short] = call.split(' ');
  return `${method} ${apiPath(short)}`;
}

function expectStored(names: string[]): void {
  const expected = names.map((n) => fixture.reports[n]);
  expect(storedReports().map(nameOf).sort()).toEqual(expected.map(nameOf).sort());
  for (const r of expected) expect(storedReports().find((o) => nameOf(o) === nameOf(r))?.results).toEqual(r.results);
}

// A fixture report under another name, so that each one is created.
function variant(name: string): JsonObject {
  const base = fixture.reports[name] ?? fixture.reports.web;
  return { ...base, metadata: { ...(base.metadata as JsonObject), name: `r-${name}` } };
}
