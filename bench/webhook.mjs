#!/usr/bin/env node
// Benchmark: admission reviews per second and p50/p99 latency of `tollgate serve` for a Pod CREATE, at
// concurrency 1, 16 and 64, next to a no-op HTTPS server on the same machine, from one run; then `serve --workers 2`
// next to `--workers 1` at concurrency 16, measured one after the other in the same run, with their ratio. The load
// generator shares the machine: on 2 cores it takes CPU the second worker would use. It is a lean one
// (bench/lib/raw-load.mjs: pre-serialized requests on keep-alive TLS connections), so that it takes as little as it can.
// The workers row also says what the cores allow: the CPU per review of the server processes (from /proc) and of the
// load generator (this process), measured in the `--workers 2` run; the cores can answer at most cores / (server +
// load generator) reviews per second, which bounds the ratio any number of workers could reach on this machine.
import { Agent } from 'node:https';
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { podCreateReview } from './lib/pod-review.mjs';
import { treeCpuUs } from './lib/proc-stats.mjs';
import { openLoad } from './lib/raw-load.mjs';
import { prepareWebhookBench, startNoop, startServe, waitReady } from './lib/webhook-bench.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const { dir, certs, policyFiles } = prepareWebhookBench('tollgate-webhook-bench-');
const review = podCreateReview;

// The connections are opened first: TLS handshakes are not part of a review.
async function load(port, concurrency) {
  const pool = await openLoad(port, certs.caCert, concurrency);
  const latencies = await pool.run({ path: '/validate', body: review, seconds: SECONDS });
  pool.close();
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2);
  return { rps: Math.round(latencies.length / SECONDS), p50: q(0.5), p99: q(0.99) };
}

const webhookPort = 19543;
const noopPort = 19544;
const workersPort = 19545;
const webhook = startServe(dir, webhookPort, 1);
const workers = startServe(dir, workersPort, 2);
const noop = await startNoop(dir, noopPort);
const ready = new Agent({ ca: certs.caCert });
try {
  await waitReady(webhookPort, ready);
  console.log(
    `policies: ${policyFiles} files; ${SECONDS}s per measurement; Pod CREATE on /validate; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`,
  );
  for (const c of [1, 16, 64]) {
    const t = await load(webhookPort, c);
    const n = await load(noopPort, c);
    console.log(
      `concurrency ${String(c).padStart(2)}: tollgate ${t.rps} reviews/s p50 ${t.p50} ms p99 ${t.p99} ms | no-op ${n.rps} req/s p50 ${n.p50} ms p99 ${n.p99} ms | ${((100 * t.rps) / n.rps).toFixed(0)}% of no-op`,
    );
  }
  await waitReady(workersPort, ready);
  await load(workersPort, 16); // warm-up: the --workers 1 server was warmed by the rows above, these workers were not
  const one = await load(webhookPort, 16);
  const serverBefore = treeCpuUs(workers.pid);
  const generatorBefore = process.cpuUsage();
  const two = await load(workersPort, 16);
  const reviews = two.rps * SECONDS;
  const serverUs = (treeCpuUs(workers.pid) - serverBefore) / reviews;
  const { user, system } = process.cpuUsage(generatorBefore);
  const generatorUs = (user + system) / reviews;
  const cores = cpus().length;
  const ceiling = (cores * 1e6) / (serverUs + generatorUs);
  console.log(
    `concurrency 16, --workers 2: ${two.rps} reviews/s p50 ${two.p50} ms p99 ${two.p99} ms | --workers 1: ${one.rps} reviews/s p50 ${one.p50} ms p99 ${one.p99} ms | ${(two.rps / one.rps).toFixed(2)}× the reviews/s`,
  );
  console.log(
    `  CPU per review in the --workers 2 run: server ${serverUs.toFixed(0)} µs + load generator ${generatorUs.toFixed(0)} µs; ` +
      `${cores} cores allow at most ${Math.round(ceiling)} reviews/s, ${(ceiling / one.rps).toFixed(2)}× the single worker ` +
      `(the run used ${((100 * two.rps) / ceiling).toFixed(0)}% of that)`,
  );
} finally {
  webhook.kill('SIGTERM');
  workers.kill('SIGTERM');
  noop.kill();
  rmSync(dir, { recursive: true, force: true });
}
