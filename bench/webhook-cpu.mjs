#!/usr/bin/env node
// Benchmark: server CPU and allocation per admission review. `tollgate serve --workers N` (flag --workers, default 1)
// with the pod-security baseline + restricted policies and the starter set (as bench/webhook.mjs) answers a fixed
// number of Pod CREATE reviews (bench/lib/pod-review.mjs) at concurrency 16 on keep-alive connections opened beforehand
// (bench/lib/raw-load.mjs, a lean client: less of the 2 cores goes to the load generator), and so does
// the no-op HTTPS server (bench/noop-https-server.mjs: TLS, HTTP and a fixed AdmissionReview, no evaluation).
//
// CPU: utime + stime from /proc/<pid>/stat of the server process and all its descendants (the workers), read before
// and after each round; a round's CPU divided by its reviews, median of 5 rounds each (after a warm-up round). The
// load generator is this process and is not counted. Resolution: one clock tick (10 ms) per process per reading, so a
// round is 5,000 reviews: the no-op's round is then about 250 ms of CPU, read to within 4%.
//
// Allocation: a second server, started with a young generation large enough (--min/--max-semi-space-size, MB) that no
// scavenge runs during a round, so the V8 heap's used size only grows: the sum over the processes of
// tollgate_nodejs_heap_size_used_bytes on /metrics (prom-client, summed over workers by serve) after a round minus
// before, less what two scrapes with no review in between allocate, divided by the reviews. A round in which
// tollgate_nodejs_gc_duration_seconds_count moved (a GC freed memory, so the difference undercounts) is not used;
// the script says how many were left out. It counts bytes of JavaScript heap objects (what the GC must later
// collect), not Buffers outside the heap. Median of 5 rounds.
//
// RSS: VmRSS from /proc/<pid>/status of every process of the tree, sampled every 100 ms during the CPU rounds; the
// peak of each process is printed.
//
// Floor: a third server, started like the first with one policy that selects nothing of a Pod, measured the same way
// (CPU and allocation): what a review costs before any rule runs. And the least any webhook must do, measured for CPU
// like the no-op: the no-op server that also reads the body, parses the AdmissionReview and answers with its uid
// (noop-https-server.mjs --parse): the part of the no-op ratio no evaluation can avoid.
//
// Last line: JSON {"reviewCpuUs", "noopCpuUs", "ratio", "allocKbPerReview", "workers", "floorCpuUs", "parseOnlyCpuUs"}.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'node:https';
import { loadavg } from 'node:os';
import { podCreateReview } from './lib/pod-review.mjs';
import { median, reviewRounds } from './lib/review-rounds.mjs';
import { openLoad } from './lib/raw-load.mjs';
import { prepareWebhookBench, send, startNoop, startServe, waitReady } from './lib/webhook-bench.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const WORKERS = arg('--workers', 1);
const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 5000);
const ALLOC_REVIEWS = Number(process.env.BENCH_ALLOC_REVIEWS ?? 300);
const ROUNDS = 5;
const CONCURRENCY = 16;
const SEMI_SPACE_MB = 1024;

const { dir, certs, policyFiles } = prepareWebhookBench('tollgate-webhook-cpu-');

// One round: `reviews` Pod CREATE reviews on the pool's connections (opened before, so no TLS handshake counts).
async function round(pool, reviews) {
  await pool.run({ path: '/validate', body: podCreateReview, count: reviews });
}

/** CPU per review (median of the rounds) and the peak RSS of each process of the tree, sampled every 100 ms. */
async function cpuPerReview(pid, port) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: certs.caCert });
  await waitReady(port, agent);
  const pool = await openLoad(port, certs.caCert, CONCURRENCY);
  await round(pool, REVIEWS); // warm-up: JIT
  const { perReview, peakRssMiB } = await reviewRounds(pid, pool, ROUNDS, REVIEWS);
  pool.close();
  agent.destroy();
  return { cpuUs: median(perReview), peakRssMiB };
}

const sumOf = (metrics, name) =>
  metrics
    .split('\n')
    .filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);

async function heap(port, agent) {
  const text = await send(port, '/metrics', undefined, agent, 'GET');
  return {
    used: sumOf(text, 'tollgate_nodejs_heap_size_used_bytes'),
    gcs: sumOf(text, 'tollgate_nodejs_gc_duration_seconds_count'),
  };
}

async function allocationPerReview(port) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: certs.caCert });
  await waitReady(port, agent);
  const pool = await openLoad(port, certs.caCert, CONCURRENCY);
  await round(pool, REVIEWS); // warm-up
  const perReview = [];
  let discarded = 0;
  for (let i = 0; discarded + perReview.length < ROUNDS * 3 && perReview.length < ROUNDS; i++) {
    const a = await heap(port, agent);
    const b = await heap(port, agent); // two scrapes, no review: what scraping itself allocates
    await round(pool, ALLOC_REVIEWS);
    const c = await heap(port, agent);
    if (c.gcs !== a.gcs) {
      discarded++;
      continue;
    }
    const scrape = b.used - a.used;
    perReview.push((c.used - b.used - scrape) / ALLOC_REVIEWS);
  }
  pool.close();
  agent.destroy();
  return { kb: perReview.length ? median(perReview) / 1024 : NaN, used: perReview.length, discarded };
}

// The floor: the same server with one policy that selects nothing of a Pod (a ConfigMap rule): TLS, HTTP, decoding,
// policy selection, metrics and the answer, with no rule evaluated. What lies above it is rule evaluation.
const SELECTS_NO_POD = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: configmaps-need-an-owner
spec:
  validationFailureAction: Audit
  rules:
    - name: owner-label
      match:
        any:
          - resources:
              kinds: [ConfigMap]
      validate:
        message: a ConfigMap needs an owner label
        pattern:
          metadata:
            labels:
              owner: "?*"
`;
const floorDir = join(dir, 'floor');
mkdirSync(join(floorDir, 'policies'), { recursive: true });
for (const f of ['tls.crt', 'tls.key']) copyFileSync(join(dir, f), join(floorDir, f));
writeFileSync(join(floorDir, 'policies', 'configmaps-need-an-owner.yaml'), SELECTS_NO_POD);

const servePort = 19553;
const noopPort = 19554;
const allocPort = 19555;
const floorPort = 19556;
const floorAllocPort = 19557;
const parsePort = 19558;
const serve = startServe(dir, servePort, WORKERS);
const noop = await startNoop(dir, noopPort);
const parseOnly = await startNoop(dir, parsePort, true);
const floor = startServe(floorDir, floorPort, WORKERS);
let alloc;
try {
  console.log(
    `policies: ${policyFiles} files; --workers ${WORKERS}; ${REVIEWS} Pod CREATE reviews per round at concurrency ${CONCURRENCY}, median of ${ROUNDS} rounds; load average ${loadavg()[0].toFixed(1)}`,
  );
  const { cpuUs: reviewCpuUs, peakRssMiB } = await cpuPerReview(serve.pid, servePort);
  const noopCpuUs = (await cpuPerReview(noop.pid, noopPort)).cpuUs;
  const floorCpuUs = (await cpuPerReview(floor.pid, floorPort)).cpuUs;
  const parseCpuUs = (await cpuPerReview(parseOnly.pid, parsePort)).cpuUs;
  serve.kill('SIGTERM');
  noop.kill();
  parseOnly.kill();
  floor.kill('SIGTERM');
  console.log(`server CPU per review: tollgate ${reviewCpuUs.toFixed(0)} µs | no-op ${noopCpuUs.toFixed(0)} µs`);
  console.log(
    `peak RSS under load, per process (primary first with --workers): ${peakRssMiB.map((m) => m.toFixed(0)).join(', ')} MiB`,
  );
  console.log(
    `floor: tollgate with one policy that selects nothing of a Pod ${floorCpuUs.toFixed(0)} µs (${(floorCpuUs / noopCpuUs).toFixed(2)}× the no-op); rule evaluation ${(reviewCpuUs - floorCpuUs).toFixed(0)} µs per review`,
  );
  console.log(
    `the no-op that parses the review and answers with its uid: ${parseCpuUs.toFixed(0)} µs (${(parseCpuUs / noopCpuUs).toFixed(2)}× the no-op)`,
  );
  const youngGeneration = [`--min-semi-space-size=${SEMI_SPACE_MB}`, `--max-semi-space-size=${SEMI_SPACE_MB}`];
  alloc = startServe(dir, allocPort, WORKERS, youngGeneration);
  const a = await allocationPerReview(allocPort);
  alloc.kill('SIGTERM');
  alloc = startServe(floorDir, floorAllocPort, WORKERS, youngGeneration);
  const floorKb = (await allocationPerReview(floorAllocPort)).kb;
  console.log(
    `allocation per review: ${a.kb.toFixed(1)} KiB (${ALLOC_REVIEWS} reviews per round, ${a.used} rounds without GC used, ${a.discarded} with a GC left out); floor ${floorKb.toFixed(1)} KiB, rule evaluation ${(a.kb - floorKb).toFixed(1)} KiB`,
  );
  const ratio = reviewCpuUs / noopCpuUs;
  console.log(
    JSON.stringify({
      reviewCpuUs: Math.round(reviewCpuUs),
      noopCpuUs: Math.round(noopCpuUs),
      ratio: Number(ratio.toFixed(2)),
      allocKbPerReview: Number(a.kb.toFixed(1)),
      workers: WORKERS,
      floorCpuUs: Math.round(floorCpuUs),
      parseOnlyCpuUs: Math.round(parseCpuUs),
    }),
  );
} finally {
  serve.kill('SIGTERM');
  noop.kill();
  parseOnly.kill();
  floor.kill('SIGTERM');
  alloc?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
