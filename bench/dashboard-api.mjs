#!/usr/bin/env node
// Benchmark: the dashboard's JSON API over 100,000 report results. Loads generated results into a temporary
// SQLite store (as `tollgate dashboard` does at start), serves the API on a loopback port, and times paginated,
// filtered GET /api/results (and the failure groups) over HTTP. Prints load time, p50/p95 per query and overall,
// CPU time of this process (server and client share it), and a JSON last line. Target: p95 under 200 ms.
/* global fetch */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardApp } from '../dist/dashboard/api.js';
import { startServer } from '../dist/dashboard/server.js';
import { policySummaries } from '../dist/dashboard/snapshot.js';
import { openStore, saveSnapshot } from '../dist/dashboard/store.js';

const N = Number(process.env.BENCH_RESULTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const RESULTS = ['pass', 'pass', 'pass', 'fail', 'fail', 'warn', 'error', 'skip'];
const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'CronJob'];

const SEVERITIES = ['low', 'medium', 'high', 'critical'];

function results(n) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    const policy = `policy-${i % 25}`;
    rows.push({
      policy,
      rule: `rule-${i % 3}`,
      result: RESULTS[(i * 7) % RESULTS.length],
      message: `validation error: ${policy} rule-${i % 3} failed at path /spec/template/spec/containers/${i % 4}/image/`,
      apiVersion: 'apps/v1',
      kind: KINDS[i % KINDS.length],
      namespace: `ns-${i % 60}`,
      name: `app-${Math.floor(i / 25)}`,
      team: i % 9 ? `team-${i % 30}` : null,
      severity: SEVERITIES[i % SEVERITIES.length],
      category: i % 2 ? 'Best Practices' : 'Pod Security',
      timestamp: '2026-12-01T00:00:00.000Z',
      file: i % 4 ? `apps/app-${Math.floor(i / 25)}.yaml` : null,
      line: i % 4 ? 1 + (i % 40) : null,
    });
  }
  rows.sort((a, b) => a.policy.localeCompare(b.policy) || a.namespace.localeCompare(b.namespace));
  return rows;
}

const QUERIES = [
  ['first page, no filter', '/api/results?page=1&pageSize=50'],
  ['policy', '/api/results?policy=policy-7&pageSize=50'],
  ['namespace + result', '/api/results?namespace=ns-12&result=fail&pageSize=50'],
  ['team, page 3', '/api/results?team=team-5&page=3&pageSize=50'],
  ['kind + result', '/api/results?kind=StatefulSet&result=error&pageSize=100'],
  ['search', '/api/results?q=containers/3&pageSize=50'],
  ['search + policy + result', '/api/results?q=app-12&policy=policy-3&result=fail&pageSize=50'],
  ['deep page (offset 50,000)', '/api/results?page=1001&pageSize=50'],
  ['severity + category', '/api/results?severity=high&category=Pod%20Security&pageSize=50'],
  ['trend (200 points)', '/api/trend'],
  ['failures by namespace', '/api/failures?by=namespace'],
  ['failures by team, filtered', '/api/failures?by=team&policy=policy-2'],
];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const dir = mkdtempSync(join(tmpdir(), 'tollgate-dashboard-bench-'));
try {
  const rows = results(N);
  const db = openStore(join(dir, 'dashboard.db'));
  const loadStart = performance.now();
  saveSnapshot(db, {
    takenAt: new Date().toISOString(),
    source: 'bench',
    policies: policySummaries(rows),
    results: rows,
  });
  const loadMs = performance.now() - loadStart;
  const server = await startServer(
    dashboardApp({ db, view: () => ({ rollout: null, notes: [] }), assets: null, refreshSeconds: 0 }),
    0,
  );
  for (const [, path] of QUERIES) await (await fetch(server.url + path)).json(); // warm: statements, pages
  const all = [];
  const perQuery = [];
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (const [name, path] of QUERIES) {
    const times = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const res = await fetch(server.url + path);
      const body = await res.json();
      if (!res.ok) throw new Error(`${path}: ${JSON.stringify(body)}`);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    perQuery.push({ name, p50: percentile(times, 50), p95: percentile(times, 95) });
  }
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  await server.close();
  db.close();
  all.sort((a, b) => a - b);
  console.log(
    `results: ${N}, load into SQLite: ${loadMs.toFixed(0)} ms, requests: ${all.length} (${ROUNDS} per query)`,
  );
  for (const q of perQuery)
    console.log(`  ${q.name.padEnd(30)} p50 ${q.p50.toFixed(1)} ms  p95 ${q.p95.toFixed(1)} ms`);
  const p50 = percentile(all, 50);
  const p95 = percentile(all, 95);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`overall p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${all[all.length - 1].toFixed(1)} ms`);
  console.log(
    `wall ${wallMs.toFixed(0)} ms, CPU ${cpuMs.toFixed(0)} ms (${((100 * cpuMs) / wallMs).toFixed(0)}% of one core)`,
  );
  console.log(
    JSON.stringify({
      bench: 'dashboard-api',
      results: N,
      loadMs: Math.round(loadMs),
      p50Ms: +p50.toFixed(2),
      p95Ms: +p95.toFixed(2),
      maxMs: +all[all.length - 1].toFixed(2),
      cpuMs: Math.round(cpuMs),
      wallMs: Math.round(wallMs),
      perQuery: perQuery.map((q) => ({ name: q.name, p50Ms: +q.p50.toFixed(2), p95Ms: +q.p95.toFixed(2) })),
      underTarget: p95 < 200,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
