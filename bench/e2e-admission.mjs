#!/usr/bin/env node
// Benchmark: Pod creates through a real kube-apiserver (the e2e launcher's throwaway cluster: etcd, kube-apiserver
// v1.37.2 and kube-controller-manager on loopback), first with no webhook, then behind `tollgate serve` with the
// pod-security baseline + restricted policies (18 files) and the starter set, registered as a user does it:
// `tollgate webhook-config … --failure-policy Fail | kubectl apply -f -`, then (Tollgate stopped and its webhook
// configurations deleted) behind Kyverno's own admission controller with the same files applied as ClusterPolicies:
// the release pinned in test/e2e/tools/kyverno, built by scripts/e2e/build-kyverno.sh before the cluster starts, run
// out of cluster with `--kubeconfig` and `--serverIP` so that it registers its webhooks itself as URL webhooks on
// loopback (bench/lib/kyverno-controller.mjs). Each engine must deny a Pod with a disallowed AppArmor profile (the
// one Enforce policy) before it is measured. Client-side p50/p99/mean per create at concurrency 1 and 16, the latency
// each engine adds, CPU per create of serve, Kyverno and kube-apiserver (/proc), and the admission reviews per create
// each engine counted. Last line: JSON. Anchor: Kyverno's published load test (17 PSS policies, 1 replica, 100 VUs)
// averaged 37.7 ms per request end to end, API server included. CPU per create is all the process's CPU in the window
// divided by the creates, its background work included. It starts a cluster, so `npm run bench` skips it:
// `npm run bench:e2e`. BENCH_KYVERNO=0 skips the Kyverno row; so does a failed Kyverno build (no Go), with the reason.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { cpus, loadavg, tmpdir } from 'node:os';
import { clearTimeout } from 'node:timers';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster } from '../test/e2e/cluster/cluster.mjs';
import { policyFiles } from './policy-files.mjs';
import { pod } from './lib/pod-review.mjs';
import {
  applyPolicies,
  kyvernoReviews,
  kyvernoVersion,
  startKyvernoController,
  stopChild,
} from './lib/kyverno-controller.mjs';
import { kyvernoBinDir } from '../scripts/e2e/kyverno-bin.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'bundle', 'bin.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 1; // TLS connections (client → API server → serve) and JIT, not measured
const CONCURRENCY = [1, 16];
const NS = pod.metadata.namespace;
const TICK_MS = 1000 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout || 100);

const dir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-admission-bench-'));
const pss = join(root, '..', 'shared', 'conformance', 'kyverno-policies', 'pod-security');
const pssFiles = ['baseline', 'restricted'].flatMap((d) => (existsSync(join(pss, d)) ? policyFiles(join(pss, d)) : []));
const sources = [...pssFiles, ...policyFiles(join(root, 'policies', 'starter'))];
mkdirSync(join(dir, 'policies'));
sources.forEach((f, i) => copyFileSync(f, join(dir, 'policies', `${i}.yaml`)));

function tollgate(args) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tollgate ${args[0]} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** CPU time (ms) a process has used so far: utime + stime of /proc/PID/stat (after the command name). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Our child process named `name`: the cluster does not expose its pids, and other clusters may run beside it. */
function childPid(name) {
  for (const p of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === name && ppid === process.pid) return Number(p);
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error(`no child process ${name}`);
}

function call(agent, { host, port }, method, path, body) {
  return new Promise((resolve_, reject) => {
    const headers = body ? { 'content-type': 'application/json' } : {};
    const req = request({ host, port, method, path, agent, headers, servername: 'localhost' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve_({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let cluster;
let serve;
let kyverno;
let apiAgent;
let seq = 0;
const api = (method, path, body, agent = apiAgent) => {
  const { hostname: host, port } = new URL(cluster.apiServerUrl);
  return call(agent, { host, port }, method, path, body);
};

async function createPod(agent) {
  const body = JSON.stringify({ ...pod, metadata: { ...pod.metadata, name: `web-${seq++}` } });
  const r = await api('POST', `/api/v1/namespaces/${NS}/pods`, body, agent);
  if (r.status !== 201) throw new Error(`Pod create answered ${r.status}: ${r.text}`);
}

/** The engine in the path enforces: a Pod with an AppArmor profile restrict-apparmor-profiles (Enforce) forbids. */
async function expectDenied(engine) {
  if (!pssFiles.some((f) => f.includes('restrict-apparmor-profiles'))) return; // the pod-security set is not there
  const annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' };
  const body = JSON.stringify({ ...pod, metadata: { ...pod.metadata, name: `denied-${seq++}`, annotations } });
  const r = await api('POST', `/api/v1/namespaces/${NS}/pods`, body);
  if (r.status === 201 || !r.text.includes('restrict-apparmor-profiles'))
    throw new Error(`${engine}: a Pod with AppArmor profile unconfined answered ${r.status}: ${r.text}`);
}

/** Create Pods until the engine has counted a review: the API server picks webhook configurations up asynchronously. */
async function untilReviewed(engine, reviewsOf, logs) {
  for (let i = 0; !Object.values(await reviewsOf()).some((v) => v > 0); i++) {
    if (i > 300) throw new Error(`the API server did not call ${engine} within 30 s:\n${logs()}`);
    await createPod(apiAgent);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Empty the namespace. A webhook that reviews Pod DELETEs (Kyverno registers its validating webhook for them) is
 * called once per Pod, which can make one deletecollection outlast the API server's 60 s request timeout (504, or a
 * reset connection): delete again until no Pod is left.
 */
async function deletePods() {
  const path = `/api/v1/namespaces/${NS}/pods`;
  for (let i = 0; ; i++) {
    const r = await api('DELETE', path).catch((err) => ({ status: 0, text: err.message }));
    if (r.status === 200 && JSON.parse((await api('GET', `${path}?limit=1`)).text).items.length === 0) return;
    if (i >= 10) throw new Error(`deleting Pods answered ${r.status}: ${r.text}`);
  }
}

/** Create Pods from `concurrency` loops for `seconds`; the latency of each create in ms. */
async function load(agent, concurrency, seconds) {
  const latencies = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await createPod(agent);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

/** Admission reviews serve has answered, by webhook path (its Prometheus counter). */
async function reviews() {
  const agent = new Agent({ ca: readFileSync(join(dir, 'certs', 'ca.crt')) });
  const r = await call(agent, { host: '127.0.0.1', port: serve.port }, 'GET', '/metrics');
  const counts = {};
  for (const m of r.text.matchAll(/^tollgate_admission_requests_total\{webhook="([^"]+)"[^}]*\} (\d+)/gm))
    counts[m[1]] = (counts[m[1]] ?? 0) + Number(m[2]);
  return counts;
}

/**
 * One measurement: warm up, then creates for SECONDS with the CPU of the given processes sampled around them and
 * the engine's review counter (`reviewsOf`, none without an engine) read around them.
 */
async function measure(concurrency, pids, reviewsOf = async () => ({})) {
  // Each measurement starts from an empty namespace, so all phases see the same amount of stored Pods.
  await deletePods();
  const agent = new Agent({ ...clientTls(), keepAlive: true, maxSockets: concurrency });
  await load(agent, concurrency, WARMUP_SECONDS);
  const reviewsBefore = await reviewsOf();
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMs(pid)]));
  const latencies = await load(agent, concurrency, SECONDS);
  const n = latencies.length;
  const cpu = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, (cpuMs(pid) - cpuBefore[k]) / n]));
  const reviewsAfter = await reviewsOf();
  agent.destroy();
  const q = (p) => latencies[Math.min(n - 1, Math.floor(p * n))];
  const perCreate = Object.fromEntries(
    Object.entries(reviewsAfter).map(([k, v]) => [k, (v - (reviewsBefore[k] ?? 0)) / n]),
  );
  return {
    creates: n,
    perSecond: Math.round(n / SECONDS),
    p50: q(0.5),
    p99: q(0.99),
    mean: latencies.reduce((a, b) => a + b, 0) / n,
    cpuMsPerCreate: cpu,
    reviewsPerCreate: perCreate,
  };
}

const clientTls = () => ({ ca: cluster.caCertPem, cert: cluster.clientCertPem, key: cluster.clientKeyPem });

/** `tollgate serve` from the build, as test/e2e/support/tollgate.ts starts it; resolves once it listens. */
async function startServe() {
  tollgate(['certs', '--dns', 'localhost', '--out', join(dir, 'certs')]);
  // One process: the CPU per create read from /proc is this pid's (bench/webhook-cpu.mjs sums over workers).
  const args = ['serve', '--workers', '1', '--policies', join(dir, 'policies'), '--host', '127.0.0.1', '--port', '0'];
  args.push('--cert', join(dir, 'certs', 'tls.crt'), '--key', join(dir, 'certs', 'tls.key'));
  const child = spawn(process.execPath, [bin, ...args], { env: cluster.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise((resolve_, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within 30 s:\n${log}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
    child.stderr.on('data', (c) => {
      log += c;
      const m = /"msg":"tollgate webhook listening","port":(\d+)/.exec(log);
      if (!m) return;
      clearTimeout(timer);
      resolve_(Number(m[1]));
    });
  });
  child.stderr.on('data', () => (log = log.slice(-100_000))); // keep draining the pipe; the tail is enough
  return { child, port, logs: () => log };
}

function stopServe() {
  return serve?.child ? stopChild(serve.child) : Promise.resolve();
}
// Neither a crash past the finally below nor a signal may leave serve or Kyverno running. On a signal the launcher
// stops the cluster and then dies of the signal itself; the finally does not run, so they and the temp dir go here.
process.on('exit', () => {
  serve?.child.kill('SIGKILL');
  kyverno?.child.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM'])
  process.once(sig, () => {
    serve?.child.kill('SIGTERM');
    kyverno?.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    if (process.listenerCount(sig) === 0) process.kill(process.pid, sig); // no cluster yet: die as usual
  });

const results = {};
const fmt = (ms) => ms.toFixed(2).padStart(6);
function print(phase, c, r) {
  const cpu = Object.entries(r.cpuMsPerCreate).map(([k, v]) => `${k} ${v.toFixed(2)}`);
  const rev = Object.entries(r.reviewsPerCreate).map(([k, v]) => `${k} ${v.toFixed(2)}`);
  console.log(
    `${phase.padEnd(8)} c=${String(c).padStart(2)}: ${String(r.creates).padStart(5)} creates ${String(r.perSecond).padStart(4)}/s` +
      `  p50 ${fmt(r.p50)}  p99 ${fmt(r.p99)}  mean ${fmt(r.mean)} ms | CPU ms/create: ${cpu.join(', ')}` +
      (rev.length ? ` | reviews/create: ${rev.join(', ')}` : ''),
  );
}

// Built (or found in the cache) before the cluster starts, so that a first build's minutes of CPU overlap no measurement.
let kyvernoBin = null;
let kyvernoSkipped = process.env.BENCH_KYVERNO === '0' ? 'BENCH_KYVERNO=0' : null;
if (!kyvernoSkipped) {
  try {
    kyvernoBin = kyvernoBinDir();
  } catch (err) {
    kyvernoSkipped = err.message;
    console.error(`skipping the Kyverno row: ${err.message}`);
  }
}

try {
  cluster = await startCluster({ log: (line) => console.error(`cluster: ${line}`) });
  apiAgent = new Agent({ ...clientTls(), keepAlive: true });
  const apiserver = childPid('kube-apiserver');
  const etcd = childPid('etcd');
  console.log(
    `cluster up in ${(cluster.startupMs / 1000).toFixed(1)} s; ${sources.length} policy files (${pssFiles.length} pod-security + ` +
      `${sources.length - pssFiles.length} starter); ${SECONDS} s per measurement after ${WARMUP_SECONDS} s warm-up; ` +
      `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores before the run`,
  );
  const ns = await api('POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name: NS } }));
  if (ns.status !== 201) throw new Error(`creating namespace ${NS} answered ${ns.status}: ${ns.text}`);
  // The ServiceAccount admission plugin rejects Pods until the controller manager has made `default` here.
  for (let i = 0; (await api('GET', `/api/v1/namespaces/${NS}/serviceaccounts/default`)).status !== 200; i++) {
    if (i > 300) throw new Error(`no ServiceAccount ${NS}/default after 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }

  for (const c of CONCURRENCY) print('none', c, (results[c] = { none: await measure(c, { apiserver, etcd }) }).none);

  serve = await startServe();
  const config = tollgate([
    ...['webhook-config', '--policies', join(dir, 'policies'), '--url', `https://localhost:${serve.port}`],
    ...['--ca-bundle', join(dir, 'certs', 'ca.crt'), '--failure-policy', 'Fail'],
  ]);
  await cluster.kubectl(['apply', '-f', '-'], config);
  await untilReviewed('serve', reviews, serve.logs);
  await expectDenied('tollgate');
  const pids = { apiserver, etcd, serve: serve.child.pid };
  for (const c of CONCURRENCY) print('tollgate', c, (results[c].tollgate = await measure(c, pids, reviews)));

  // Only one engine in the path: Tollgate goes, with its webhook configurations, before Kyverno comes. Its Pods go
  // too while no webhook reviews their deletion.
  await stopServe();
  await cluster.kubectl(['delete', '--ignore-not-found', '-f', '-'], config);
  await deletePods();

  let kyvernoSetup = null;
  if (kyvernoBin) {
    const log = (line) => console.error(`kyverno: ${line}`);
    const started = performance.now();
    kyverno = await startKyvernoController({ cluster, binDir: kyvernoBin, log });
    const startupMs = performance.now() - started;
    const policies = await applyPolicies(
      cluster,
      kyverno,
      readdirSync(join(dir, 'policies')).map((f) => join(dir, 'policies', f)),
    );
    const readyMs = performance.now() - started - startupMs;
    console.log(
      `Kyverno ${kyvernoVersion()} admission controller up in ${(startupMs / 1000).toFixed(1)} s; ` +
        `${policies.length} ClusterPolicies Ready ${(readyMs / 1000).toFixed(1)} s later`,
    );
    kyvernoSetup = { version: kyvernoVersion(), startupMs, clusterPolicies: policies.length, policiesReadyMs: readyMs };
    const kyvernoReviewsOf = () => kyvernoReviews(kyverno);
    await untilReviewed('Kyverno', kyvernoReviewsOf, () => kyverno.logs());
    await expectDenied('kyverno');
    const kpids = { apiserver, etcd, kyverno: kyverno.child.pid };
    for (const c of CONCURRENCY) print('kyverno', c, (results[c].kyverno = await measure(c, kpids, kyvernoReviewsOf)));
  } else console.log(`Kyverno row skipped: ${kyvernoSkipped}`);

  for (const [engine, name, proc, key] of [
    ['tollgate', 'Tollgate', 'serve', 'added'],
    ['kyverno', 'Kyverno', 'kyverno', 'kyvernoAdded'],
  ]) {
    for (const c of CONCURRENCY) {
      const { none, [engine]: t } = results[c];
      if (!t) continue;
      const a = (results[c][key] = { p50: t.p50 - none.p50, p99: t.p99 - none.p99, mean: t.mean - none.mean });
      console.log(
        `${name.padEnd(8)} adds at c=${String(c).padStart(2)}: p50 ${fmt(a.p50)}  p99 ${fmt(a.p99)}  mean ${fmt(a.mean)} ms; ` +
          `${proc} ${t.cpuMsPerCreate[proc].toFixed(2)} CPU ms/create, kube-apiserver ` +
          `${(t.cpuMsPerCreate.apiserver - none.cpuMsPerCreate.apiserver).toFixed(2)} more`,
      );
    }
  }
  console.log('anchor: Kyverno (17 PSS policies, 1 replica, 100 VUs) averaged 37.7 ms per request end to end');
  console.log(`load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores after the run`);
  const round = (v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v);
  console.log(
    JSON.stringify(
      {
        seconds: SECONDS,
        policyFiles: sources.length,
        concurrency: results,
        kyverno: kyvernoSetup ?? { skipped: kyvernoSkipped },
        kyvernoAnchorMeanMs: 37.7,
      },
      (_, v) => round(v),
    ),
  );
} finally {
  await stopServe();
  await kyverno?.stop();
  apiAgent?.destroy();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
