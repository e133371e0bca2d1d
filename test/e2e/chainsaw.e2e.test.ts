// The chainsaw tests of test/e2e/chainsaw — Kyverno users' declarative tests: apply a policy, expect a bad resource's
// apply to fail, assert what is admitted and generated — run by the real chainsaw (v0.2.12) against
// `tollgate serve --from-cluster`, which starts with no policies and loads them as the tests apply them. The
// webhooks are registered from the same policy files, as a user generates them for the policies they deploy.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster/cluster.mjs';
import { registerWebhooks, startServe, type RunningServe } from './support/tollgate.js';

const tests = fileURLToPath(new URL('./chainsaw/', import.meta.url));
const policies = join(tests, 'policies');

let cluster: Cluster;
let serve: RunningServe;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-chainsaw-'));

beforeAll(async () => {
  cluster = await startCluster();
  serve = await startServe(cluster, { dir, fromCluster: true });
  await registerWebhooks(cluster, serve, [policies], ['--failure-policy', 'Fail']);
});

afterAll(async () => {
  if (process.env.TOLLGATE_E2E_LOGS) writeFileSync(process.env.TOLLGATE_E2E_LOGS, serve?.logs() ?? '');
  await serve?.stop();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Run a command to completion with the cluster's environment (KUBECONFIG); never rejects. */
function run(cmd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: cluster.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', (e) => resolve({ code: null, output: `${output}\n${e.message}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

it('passes the chainsaw tests', async () => {
  // chainsaw reads the kubeconfig from KUBECONFIG; each test runs in its own chainsaw-* namespace.
  const started = Date.now();
  const r = await run(join(cluster.binDir, 'chainsaw'), [
    'test',
    tests,
    '--no-color',
    // Generous timeouts: other e2e suites may share the machine's two cores.
    '--apply-timeout',
    '15s',
    '--assert-timeout',
    '45s',
    '--error-timeout',
    '20s',
  ]);
  const summary = /Tests Summary[\s\S]*/.exec(r.output)?.[0] ?? '';
  process.stderr.write(`chainsaw: exit ${r.code} after ${Date.now() - started} ms\n${summary}\n`);
  expect(r.code, `${r.output}\n--- serve ---\n${serve.logs()}`).toBe(0);
  // Both tests ran (a directory without tests would also exit 0).
  expect(summary).toMatch(/Passed\s+tests 2/);
}, 300_000);
