#!/usr/bin/env node
// Benchmark: Pod CREATE latency of the webhook with the pod-security + starter policies (a) and with the same plus
// 3,500 generated ClusterPolicies/Policies × 2 validate rules that mostly do not match Pods (b). Acceptance: p99(b)
// stays within 2× p99(a), i.e. rules are indexed, not scanned.
// A p99 over one stretch of seconds swings by 2× between runs on a shared machine (GC pauses, the client sharing the
// event loop, the host), so each set is measured in ROUNDS alternating rounds and the median round counts; the
// rounds' spread is printed too.
// Each set is served by its own `tollgate serve --workers 1` from dist/, as in a cluster, so each has its own heap and
// JIT; both are warmed with WARM_SECONDS of reviews first, and each round also reports the server's CPU per review
// (from /proc). `--in-process` runs both webhooks in this process instead (TOLLGATE_DIST may then name another
// build): (a) then shares (b)'s heap and compiled code, which hides what a heap holding 3,500 policies costs, and the
// client's garbage adds scavenge pauses to both, so its p99 at concurrency 1 swings between runs.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { policyFiles } from './policy-files.mjs';
import { podCreateReview } from './lib/pod-review.mjs';
import { generatedPolicy } from './lib/scale-policies.mjs';
import { treeCpuUs } from './lib/proc-stats.mjs';
import { startServe, waitReady } from './lib/webhook-bench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// TOLLGATE_DIST points at another build of the sources (e.g. a working tree compiled elsewhere); default dist/.
const dist = resolve(process.env.TOLLGATE_DIST ?? join(root, 'dist'));
const fromDist = (path) => import(pathToFileURL(join(dist, path)).href);
const { issueCertificates } = await fromDist('certs/issue.js');
const { PolicyStore } = await fromDist('server/policy-store.js');
const { startWebhook } = await fromDist('server/webhook-server.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const GENERATED = 3500;
const PROCESSES = !process.argv.includes('--in-process');
const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'tollgate-webhook-scale-'));
const pss = join(root, '..', 'shared', 'conformance', 'kyverno-policies', 'pod-security');
// The pod-security baseline and restricted policies (the subrule/ examples are variants of them).
const base = [
  ...['baseline', 'restricted'].flatMap((d) => (existsSync(join(pss, d)) ? policyFiles(join(pss, d)) : [])),
  ...policyFiles(join(root, 'policies', 'starter')),
];

function writePolicies() {
  mkdirSync(join(dir, 'a'));
  mkdirSync(join(dir, 'generated'));
  base.forEach((f, i) => copyFileSync(f, join(dir, 'a', `${i}.yaml`)));
  for (let i = 0; i < GENERATED; i++) writeFileSync(join(dir, 'generated', `scale-${i}.yaml`), generatedPolicy(i));
}

/** Load `paths` into a store; returns the store and the load time in ms. */
function load(paths) {
  const store = new PolicyStore(paths, (m) => {
    throw new Error(m);
  });
  const t = performance.now();
  store.reload();
  return { store, ms: performance.now() - t };
}

const review = podCreateReview;

function post(port, agent) {
  return new Promise((resolve_, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/validate', method: 'POST', agent, servername: 'localhost' },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => (res.statusCode === 200 ? resolve_(text) : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(review);
  });
}

/** Reviews/s, p50 and p99 (ms) of Pod CREATE reviews at `concurrency` for `seconds` (and the server's CPU per review). */
async function measure({ port, pid }, concurrency, seconds) {
  const cpuBefore = pid ? treeCpuUs(pid) : 0;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, ca: certs.caCert });
  const latencies = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await post(port, agent);
        latencies.push(performance.now() - t);
      }
    }),
  );
  agent.destroy();
  latencies.sort((x, y) => x - y);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  const cpuUs = pid ? (treeCpuUs(pid) - cpuBefore) / latencies.length : 0;
  return { rps: Math.round(latencies.length / seconds), p50: q(0.5), p99: q(0.99), cpuUs };
}

/** The policy files of the generated policies (written by writePolicies). */
function generatedFiles() {
  return Array.from({ length: GENERATED }, (_, i) => join(dir, 'generated', `scale-${i}.yaml`));
}

/** `tollgate serve` (one worker, from dist/) of `files`, in a directory of its own; resolves once it is ready. */
async function serve(index, files) {
  const home = join(dir, `serve-${index}`);
  mkdirSync(join(home, 'policies'), { recursive: true });
  for (const f of ['tls.crt', 'tls.key']) copyFileSync(join(dir, f), join(home, f));
  files.forEach((f, i) => copyFileSync(f, join(home, 'policies', `${i}.yaml`)));
  const port = 19580 + index;
  const child = startServe(home, port, 1);
  await waitReady(port, new Agent({ ca: certs.caCert }));
  return { port, pid: child.pid, close: async () => void child.kill('SIGTERM') };
}

function median(xs) {
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const certs = issueCertificates({ dnsNames: ['localhost'], now: new Date() });
writeFileSync(join(dir, 'tls.crt'), certs.tlsCert);
writeFileSync(join(dir, 'tls.key'), certs.tlsKey);
const hooks = [];
try {
  writePolicies();
  const a = load([join(dir, 'a')]);
  const b = load([join(dir, 'a'), join(dir, 'generated')]);
  const generated = load([join(dir, 'generated')]); // after (b), so with a warm JIT like a reload
  // Classic policies carry their compiled rules (every policy of this benchmark is one).
  const policiesOf = (s) => s.store.current.policySet.policies;
  const count = (s, f) => policiesOf(s).reduce((n, p) => n + (p.compiled ? f(p.compiled).length : 0), 0);
  const rules = (s) => `${count(s, (c) => c.rules)} rules (${count(s, (c) => c.rulesForKind('Pod'))} may select a Pod)`;
  console.log(
    `(a) ${base.length} files (pod-security baseline+restricted, starter): ${policiesOf(a).length} policies, ${rules(a)}, loaded in ${a.ms.toFixed(0)} ms`,
  );
  console.log(`generated: ${GENERATED} policies, ${rules(generated)}, loaded alone in ${generated.ms.toFixed(0)} ms`);
  console.log(`(b) (a) + generated: ${policiesOf(b).length} policies, ${rules(b)}, loaded in ${b.ms.toFixed(0)} ms`);
  if (PROCESSES)
    for (const [i, files] of [base, [...base, ...generatedFiles()]].entries()) hooks.push(await serve(i, files));
  else {
    const opts = { certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key'), port: 0, host: '127.0.0.1' };
    for (const set of [a, b]) hooks.push(await startWebhook(set.store, { ...opts, clock: { now: () => new Date() } }));
  }
  const answers = await Promise.all(hooks.map((h) => post(h.port, new Agent({ ca: certs.caCert }))));
  const allowed = answers.map((t) => JSON.parse(t).response.allowed);
  const where = PROCESSES ? `one tollgate serve per set, warmed for ${WARM_SECONDS}s` : 'both in this process';
  console.log(
    `Pod CREATE allowed: (a) ${allowed[0]}, (b) ${allowed[1]}; ${ROUNDS} alternating rounds of ${SECONDS}s per set; ${where}`,
  );
  for (const h of hooks) await measure(h, 4, PROCESSES ? WARM_SECONDS : 1); // warm-up (JIT, TLS sessions)
  const cpuColumn = PROCESSES ? ' | server CPU µs/review' : '';
  console.log(`concurrency | set | reviews/s | p50 ms | p99 ms (median round; p99 range over the rounds)${cpuColumn}`);
  for (const c of [1, 16]) {
    const rounds = [[], []];
    for (let i = 0; i < ROUNDS; i++) for (const [k, h] of hooks.entries()) rounds[k].push(await measure(h, c, SECONDS));
    const [ra, rb] = rounds.map((rs) => ({
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      range: `${Math.min(...rs.map((r) => r.p99)).toFixed(2)}–${Math.max(...rs.map((r) => r.p99)).toFixed(2)}`,
      cpu: PROCESSES
        ? ` | ${median(rs.map((r) => r.cpuUs)).toFixed(0)} (${rs.map((r) => r.cpuUs.toFixed(0)).join(' ')})`
        : '',
    }));
    for (const [name, r] of [
      ['a', ra],
      ['b', rb],
    ])
      console.log(
        `${String(c).padStart(11)} | ${name.padStart(3)} | ${String(r.rps).padStart(9)} | ${r.p50.toFixed(2).padStart(6)} | ${r.p99.toFixed(2).padStart(6)} (${r.range})${r.cpu}`,
      );
    console.log(`${String(c).padStart(11)} | p99(b)/p99(a) = ${(rb.p99 / ra.p99).toFixed(2)}× (target ≤ 2×)`);
  }
} finally {
  for (const h of hooks) await h.close();
  rmSync(dir, { recursive: true, force: true });
}
