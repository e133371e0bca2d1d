// Generate rules after admission (Kyverno's background controller) against a real API server: `synchronize` keeps
// downstream objects as the policy says, `generateExisting` reaches triggers older than the policy, and deleting
// a trigger deletes what it generated.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster/cluster.mjs';
import { eventually } from './support/eventually.js';
import { kubectlResult, registerWebhooks, startServe, type RunningServe } from './support/tollgate.js';

const policyFile = fileURLToPath(new URL('./fixtures/generate/sync-defaults.yaml', import.meta.url));
const policy = readFileSync(policyFile, 'utf8');

let cluster: Cluster;
let serve: RunningServe;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-generate-'));

beforeAll(async () => {
  cluster = await startCluster();
  // A namespace older than the policy: generateExisting must reach it.
  await cluster.kubectl(['create', 'namespace', 'e2e-sync-old']);
  serve = await startServe(cluster, { dir, fromCluster: true, extraArgs: ['--generate-sync-interval', '1'] });
  await registerWebhooks(cluster, serve, [policyFile], ['--failure-policy', 'Fail']);
  await cluster.kubectl(['apply', '-f', '-'], policy);
  await eventually(async () => {
    const r = await cluster.kubectl([
      'get',
      'clusterpolicy',
      'sync-defaults',
      '-o',
      'jsonpath={.status.conditions[?(@.type=="Ready")].status}',
    ]);
    return r.stdout === 'True' || undefined;
  });
});

afterAll(async () => {
  if (process.env.TOLLGATE_E2E_LOGS) writeFileSync(process.env.TOLLGATE_E2E_LOGS, serve?.logs() ?? '');
  await serve?.stop();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function configMapData(namespace: string, name: string): Promise<Record<string, string> | undefined> {
  const r = await kubectlResult(cluster, ['get', 'configmap', name, '-n', namespace, '-o', 'json']);
  return r.ok ? ((JSON.parse(r.stdout) as { data?: Record<string, string> }).data ?? {}) : undefined;
}

describe('generate, after admission', () => {
  it('generateExisting: a namespace that existed before the policy gets its ConfigMap', async () => {
    expect(await eventually(() => configMapData('e2e-sync-old', 'settings'))).toEqual({ tier: 'gold' });
  });

  it('a new namespace gets it at admission', async () => {
    await cluster.kubectl(['create', 'namespace', 'e2e-sync-a']);
    expect(await eventually(() => configMapData('e2e-sync-a', 'settings'))).toEqual({ tier: 'gold' });
  });

  it('synchronize: a deleted downstream object comes back, an edited one is reverted', async () => {
    await cluster.kubectl(['delete', 'configmap', 'settings', '-n', 'e2e-sync-a']);
    expect(await eventually(() => configMapData('e2e-sync-a', 'settings'))).toEqual({ tier: 'gold' });
    await cluster.kubectl(['patch', 'configmap', 'settings', '-n', 'e2e-sync-a', '-p', '{"data":{"tier":"tin"}}']);
    await eventually(async () => ((await configMapData('e2e-sync-a', 'settings'))?.tier === 'gold' ? true : undefined));
  });

  it("synchronize: changing the policy's data updates every downstream object", async () => {
    await cluster.kubectl(['apply', '-f', '-'], policy.replace('tier: gold', 'tier: platinum'));
    for (const ns of ['e2e-sync-old', 'e2e-sync-a'])
      await eventually(async () => ((await configMapData(ns, 'settings'))?.tier === 'platinum' ? true : undefined));
  });

  it('synchronize: deleting the trigger deletes what it generated', async () => {
    await cluster.kubectl(['create', 'configmap', 'app-config', '-n', 'e2e-sync-a', '--from-literal=a=b']);
    expect(await eventually(() => configMapData('e2e-sync-a', 'app-config-shadow'))).toEqual({ source: 'app-config' });
    await cluster.kubectl(['delete', 'configmap', 'app-config', '-n', 'e2e-sync-a']);
    await eventually(async () =>
      (await configMapData('e2e-sync-a', 'app-config-shadow')) === undefined ? true : undefined,
    );
  });
});
