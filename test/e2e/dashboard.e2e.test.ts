// `tollgate dashboard --cluster` against a real API server: the PolicyReports it lists and the rollout verdicts of
// the fixture repository reach the JSON API behind the page.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster/cluster.mjs';

const bin = fileURLToPath(new URL('../../dist/bundle/bin.js', import.meta.url));
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
  await cluster.kubectl(['apply', '-f', '-'], JSON.stringify(report));
  const db = join(mkdtempSync(join(tmpdir(), 'tollgate-dashboard-e2e-')), 'dashboard.db');
  const child = spawn(process.execPath, [bin, 'dashboard', '--cluster', '--repo', repo, '--port', '0', '--db', db], {
    env: cluster.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dashboard = child;
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`dashboard exited ${code}: ${out}`)));
  });
});

afterAll(async () => {
  dashboard?.kill('SIGTERM');
  await cluster?.stop();
});

describe('dashboard --cluster', () => {
  it('serves the cluster PolicyReports with the Git location of the failing resource', async () => {
    const results = (await (await fetch(`${url}/api/results?policy=require-team-label`)).json()) as {
      total: number;
      rows: { result: string; name: string; namespace: string }[];
    };
    expect(results.total).toBe(2);
    expect(results.rows.map((r) => `${r.result} ${r.namespace}/${r.name}`).sort()).toEqual([
      'fail shop/web',
      'pass shop/billing',
    ]);
    const failing = JSON.stringify(
      await (await fetch(`${url}/api/results?policy=require-team-label&result=fail`)).json(),
    );
    expect(failing).toContain('apps/web/deployment.yaml');
    const summary = (await (await fetch(`${url}/api/summary`)).json()) as { totals: { fail: number; pass: number } };
    expect(summary.totals).toMatchObject({ fail: 1, pass: 1 });
  });
});
