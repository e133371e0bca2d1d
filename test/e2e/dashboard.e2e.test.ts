// `tollgate dashboard --cluster` against a real API server: the PolicyReports it lists and the rollout verdicts of
// the fixture repository reach the JSON API behind the page.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster/cluster.mjs';
import { startDashboardProcess } from './support/dashboard-process.js';

const repo = fileURLToPath(new URL('../../src/cli/testdata/rollout/repo', import.meta.url));
let cluster: Cluster;
let dashboard: ChildProcess | undefined;
let url = '';

const report = {
  apiVersion: 'wgpolicyk8s.io/v1alpha2',
  kind: 'PolicyReport',
  metadata: { name: 'polr-shop', namespace: 'shop' },
  results: [
    {
      policy: 'require-team-label',
      rule: 'check-team',
      result: 'fail',
      message: "validation error: label 'team' is required. rule check-team failed at path /metadata/labels/team/",
      resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }],
    },
    {
      policy: 'require-team-label',
      rule: 'check-team',
      result: 'pass',
      message: "validation rule 'check-team' passed.",
      resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'billing' }],
    },
  ],
};

beforeAll(async () => {
  cluster = await startCluster({ log: (line) => console.log(`cluster: ${line}`) });
  await cluster.kubectl(['create', 'namespace', 'shop']);
  await cluster.kubectl(['label', 'namespace', 'shop', 'team=storefront']);
  await cluster.kubectl(['apply', '-f', '-'], JSON.stringify(report));
  const db = join(mkdtempSync(join(tmpdir(), 'tollgate-dashboard-e2e-')), 'dashboard.db');
  const started = await startDashboardProcess(['--cluster', '--repo', repo, '--db', db, '--refresh', '1'], cluster.env);
  dashboard = started.process;
  url = started.url;
});

afterAll(async () => {
  dashboard?.kill('SIGTERM');
  await cluster?.stop();
});

describe('dashboard --cluster', () => {
  it('serves the cluster PolicyReports with the Git location of the failing resource', async () => {
    const results = (await (await fetch(`${url}/api/results?policy=require-team-label`)).json()) as {
      total: number;
      rows: { result: string; name: string; namespace: string; team: string | null }[];
    };
    expect(results.total).toBe(2);
    // The team is the live Namespace's label: neither Deployment carries one in Git.
    expect(results.rows.map((r) => `${r.result} ${r.namespace}/${r.name} ${r.team}`).sort()).toEqual([
      'fail shop/web storefront',
      'pass shop/billing storefront',
    ]);
    const failing = JSON.stringify(
      await (await fetch(`${url}/api/results?policy=require-team-label&result=fail`)).json(),
    );
    expect(failing).toContain('apps/web/deployment.yaml');
    const summary = (await (await fetch(`${url}/api/summary`)).json()) as { totals: { fail: number; pass: number } };
    expect(summary.totals).toMatchObject({ fail: 1, pass: 1 });
  });

  it('follows the cluster: a fixed resource shows at the next refresh, and the trend gains points', async () => {
    const fixed = structuredClone(report);
    fixed.results[0].result = 'pass';
    await cluster.kubectl(['apply', '-f', '-'], JSON.stringify(fixed));
    const failures = async () =>
      ((await (await fetch(`${url}/api/summary`)).json()) as { totals: { fail: number } }).totals.fail;
    await expect.poll(failures, { timeout: 15_000, interval: 250 }).toBe(0);
    const trend = (await (await fetch(`${url}/api/trend?policy=require-team-label`)).json()) as {
      points: { fail: number }[];
    };
    expect(trend.points.length).toBeGreaterThanOrEqual(2);
    expect(trend.points[0].fail).toBe(1);
    expect(trend.points.at(-1)!.fail).toBe(0);
  });
});
