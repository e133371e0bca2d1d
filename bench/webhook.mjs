#!/usr/bin/env node
// Benchmark: admission reviews per second and p50/p99 latency of `tollgate serve` for a Pod CREATE, at
// concurrency 1, 16 and 64, next to a no-op HTTPS server on the same machine, from one run.
import { fork } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, copyFileSync, existsSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueCertificates } from '../dist/certs/issue.js';
import { policyFiles } from './policy-files.mjs';
import { podCreateReview } from './lib/pod-review.mjs';
import { writeFileSync } from 'node:fs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'tollgate-webhook-bench-'));
const certs = issueCertificates({ dnsNames: ['localhost'], now: new Date() });
writeFileSync(join(dir, 'tls.crt'), certs.tlsCert);
writeFileSync(join(dir, 'tls.key'), certs.tlsKey);
mkdirSync(join(dir, 'policies'));
const pss = join(root, '..', 'shared', 'conformance', 'kyverno-policies', 'pod-security');
// The pod-security set of the issue: Kyverno's baseline and restricted policies (12 + 6 files), plus the starter set.
const sources = [
  ...(existsSync(pss) ? [...policyFiles(join(pss, 'baseline')), ...policyFiles(join(pss, 'restricted'))] : []),
  ...policyFiles(join(root, 'policies', 'starter')),
];
sources.forEach((f, i) => copyFileSync(f, join(dir, 'policies', `${i}.yaml`)));

const review = podCreateReview;

function start(script, args) {
  return new Promise((resolve_, reject) => {
    const child = fork(script, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.once('message', () => resolve_(child));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function waitReady(port) {
  for (let i = 0; i < 100; i++) {
    try {
      await post(port, '/readyz', undefined, new Agent({ ca: certs.caCert }), 'GET');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('webhook did not become ready');
}

function post(port, path, body, agent, method = 'POST') {
  return new Promise((resolve_, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent, servername: 'localhost' }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve_() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function load(port, concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, ca: certs.caCert });
  const latencies = [];
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await post(port, '/validate', review, agent);
        latencies.push(performance.now() - t);
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2);
  return { rps: Math.round(latencies.length / SECONDS), p50: q(0.5), p99: q(0.99) };
}

const webhookPort = 19543;
const noopPort = 19544;
const webhook = fork(
  join(root, 'dist', 'cli', 'bin.js'),
  [
    'serve',
    '--policies',
    join(dir, 'policies'),
    '--cert',
    join(dir, 'tls.crt'),
    '--key',
    join(dir, 'tls.key'),
    '--port',
    String(webhookPort),
    '--host',
    '127.0.0.1',
    '--no-watch',
  ],
  { stdio: 'ignore' },
);
const noop = await start(join(root, 'bench', 'noop-https-server.mjs'), [
  join(dir, 'tls.crt'),
  join(dir, 'tls.key'),
  String(noopPort),
]);
try {
  await waitReady(webhookPort);
  console.log(`policies: ${sources.length} files; ${SECONDS}s per measurement; Pod CREATE on /validate`);
  for (const c of [1, 16, 64]) {
    const t = await load(webhookPort, c);
    const n = await load(noopPort, c);
    console.log(
      `concurrency ${String(c).padStart(2)}: tollgate ${t.rps} reviews/s p50 ${t.p50} ms p99 ${t.p99} ms | no-op ${n.rps} req/s p50 ${n.p50} ms p99 ${n.p99} ms | ${((100 * t.rps) / n.rps).toFixed(0)}% of no-op`,
    );
  }
} finally {
  webhook.kill('SIGTERM');
  noop.kill();
  rmSync(dir, { recursive: true, force: true });
}
