#!/usr/bin/env node
// Benchmark: `tollgate check` over a generated repository of 10,000 manifests with the starter and
// pod-security policies. Prints wall time, peak memory, and the share of time spent reading/parsing
// versus evaluating, from one run.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { runCheck } from '../dist/cli/commands/check-run.js';
import { policyFiles } from './policy-files.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_RESOURCES ?? 10000);
const pss = join(root, '..', 'shared', 'conformance', 'kyverno-policies', 'pod-security');
const podSecurity = existsSync(pss)
  ? policyFiles(pss)
  : [join(root, 'src', 'cli', 'testdata', 'line-accuracy', 'policies')];

function manifest(i) {
  const labels = {
    app: `app-${i}`,
    team: `team-${i % 20}`,
    environment: i % 3 ? 'staging' : 'production',
    ...(i % 7 ? { 'cost-centre': 'cc-1' } : {}),
  };
  const pod = {
    containers: [
      {
        name: 'app',
        image: i % 11 === 0 ? `ghcr.io/acme/app-${i % 50}:latest` : `ghcr.io/acme/app-${i % 50}:1.${i % 10}.0`,
        securityContext: { allowPrivilegeEscalation: i % 5 === 0, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
        resources:
          i % 4 ? { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } } : {},
        ports: [{ containerPort: 8080 }],
      },
    ],
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
  };
  const namespace = i % 3 ? 'staging' : 'prod-eu';
  if (i % 2) return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `app-${i}`, namespace, labels }, spec: pod };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${i}`, namespace, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: `app-${i}` } },
      template: { metadata: { labels }, spec: pod },
    },
  };
}

const repo = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
for (let i = 0; i < N; i++) {
  const dir = join(repo, 'apps', `team-${i % 20}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `app-${i}.yaml`), stringify(manifest(i)));
}

const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const t0 = performance.now();
const run = runCheck(repo, { policies: [join(root, 'policies', 'starter'), ...podSecurity] }, clock);
const wall = performance.now() - t0;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
rmSync(repo, { recursive: true, force: true });

const t = run.timings;
const s = run.report.summary;
console.log(`manifests: ${s.resources}, checks: ${run.report.results.length} (fail ${s.fail}, blocking ${s.blocking})`);
console.log(`wall time: ${(wall / 1000).toFixed(2)} s, peak RSS: ${(peak / 1024 / 1024).toFixed(0)} MiB`);
console.log(
  `reading+parsing: ${(t.readMs / 1000).toFixed(2)} s (${((100 * t.readMs) / wall).toFixed(0)}%), policy compile: ${t.compileMs.toFixed(0)} ms, evaluation: ${(t.evaluateMs / 1000).toFixed(2)} s (${((100 * t.evaluateMs) / wall).toFixed(0)}%)`,
);
