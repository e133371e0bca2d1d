#!/usr/bin/env node
// Benchmark: start-up cost of the CLI. CPU and wall time (median of runs) of `tollgate --help` and of `tollgate
// check` on a 20-manifest repository with the starter policies, next to `node -e 0`. Last line: JSON.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const bin = join(root, 'dist', 'bundle', 'bin.js');
const preload = join(root, 'bench', 'lib', 'report-cpu.cjs');

// A small GitOps repository: 20 Deployments and Services, and the starter policies.
const repo = mkdtempSync(join(tmpdir(), 'tollgate-startup-'));
mkdirSync(join(repo, 'apps'));
cpSync(join(root, 'policies', 'starter'), join(repo, 'policies'), { recursive: true });
for (let i = 0; i < 10; i++) {
  const labels = { app: `app-${i}`, team: 'shop', 'cost-centre': 'cc-1' };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${i}`, namespace: 'shop', labels },
    spec: {
      selector: { matchLabels: { app: `app-${i}` } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'app',
              image: `ghcr.io/acme/app-${i}:1.0.${i}`,
              resources: { limits: { cpu: '500m', memory: '256Mi' } },
            },
          ],
        },
      },
    },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `app-${i}`, namespace: 'shop', labels },
    spec: { selector: { app: `app-${i}` }, ports: [{ port: 80 }] },
  };
  writeFileSync(join(repo, 'apps', `app-${i}.yaml`), [deployment, service].map((d) => stringify(d)).join('---\n'));
}

function measure(args) {
  const report = join(repo, 'cpu.jsonl');
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    rmSync(report, { force: true });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['-r', preload, ...args], {
      env: { ...process.env, TOLLGATE_CPU_REPORT: report },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const wallMs = performance.now() - t0;
    if (r.status !== 0 && !args.includes('check')) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    samples.push({ wallMs, cpuMs: JSON.parse(readFileSync(report, 'utf8')).cpuMs });
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)) };
}

const results = {
  nodeNoop: measure(['-e', '0']),
  help: measure([bin, '--help']),
  check20: measure([bin, 'check', repo]),
};
rmSync(repo, { recursive: true, force: true });
for (const [name, r] of Object.entries(results))
  console.log(
    `${name.padEnd(9)} wall ${r.wallMs.toFixed(0).padStart(5)} ms  cpu ${r.cpuMs.toFixed(0).padStart(5)} ms  (median of ${RUNS})`,
  );
console.log(
  JSON.stringify(
    Object.fromEntries(
      Object.entries(results).map(([k, r]) => [k, { wallMs: Math.round(r.wallMs), cpuMs: Math.round(r.cpuMs) }]),
    ),
  ),
);
