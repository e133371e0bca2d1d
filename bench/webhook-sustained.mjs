#!/usr/bin/env node
// Benchmark: one `tollgate serve --workers 1` under continuous load, with the pod-security + starter policies (a)
// and with the same plus the 3,500 generated policies of bench/webhook-scale.mjs (b), one set after the other.
// Each server answers a warm-up round and then ROUNDS rounds of 5,000 Pod CREATE reviews at concurrency 16 on
// keep-alive connections (bench/lib/raw-load.mjs), without pauses between rounds.
// Why: a server holding a large set can fall into a GC state where every scavenge promotes nearly all it keeps
// (docs/decisions.md, Serving). Load that pauses (bench/webhook-scale.mjs alternates its two servers) often lets it
// recover; continuous load is what a busy cluster's webhook sees. Figures per set: server CPU per review of each
// round (from /proc) and their median, peak RSS (VmRSS sampled every 100 ms) and RSS once loaded.
// Last line: JSON {"a": {"cpuUsPerReview", "peakRssMiB", "idleRssMiB"}, "b": {...}}.
// `--execArgv "<flags>"` passes Node/V8 flags to the servers, to compare GC settings: `--concurrent-marking` gives
// them back V8's default marking, which `serve` otherwise turns off (src/cli/v8-settings.ts).
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import { podCreateReview } from './lib/pod-review.mjs';
import { rssMiB } from './lib/proc-stats.mjs';
import { median, reviewRounds } from './lib/review-rounds.mjs';
import { openLoad } from './lib/raw-load.mjs';
import { generatedPolicy } from './lib/scale-policies.mjs';
import { prepareWebhookBench, startServe, waitReady } from './lib/webhook-bench.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REVIEWS = 5000;
const GENERATED = 3500;
const flagAt = process.argv.indexOf('--execArgv');
const execArgv = flagAt > 0 ? (process.argv[flagAt + 1] ?? '').split(' ').filter(Boolean) : [];

// (a) as bench/webhook.mjs serves it; (b) the same files plus the generated ones, in a directory of its own.
const { dir: a, certs } = prepareWebhookBench('tollgate-sustained-');
const b = join(a, 'b');
mkdirSync(join(b, 'policies'), { recursive: true });
for (const f of ['tls.crt', 'tls.key']) copyFileSync(join(a, f), join(b, f));
for (const f of readdirSync(join(a, 'policies'))) copyFileSync(join(a, 'policies', f), join(b, 'policies', f));
for (let i = 0; i < GENERATED; i++) writeFileSync(join(b, 'policies', `scale-${i}.yaml`), generatedPolicy(i));

/** Serve `dir` on `port`, load it continuously; returns its figures. */
async function measure(dir, port) {
  const server = startServe(dir, port, 1, execArgv);
  try {
    await waitReady(port, new Agent({ ca: certs.caCert }));
    const idleRssMiB = rssMiB(server.pid);
    const pool = await openLoad(port, certs.caCert, 16);
    await pool.run({ path: '/validate', body: podCreateReview, count: REVIEWS });
    const { perReview, peakRssMiB } = await reviewRounds(server.pid, pool, ROUNDS, REVIEWS);
    pool.close();
    return {
      rounds: perReview,
      cpuUsPerReview: Math.round(median(perReview)),
      peakRssMiB: Math.round(Math.max(idleRssMiB, ...peakRssMiB)),
      idleRssMiB: Math.round(idleRssMiB),
    };
  } finally {
    server.kill('SIGTERM');
  }
}

const results = {};
for (const [name, dir, port] of [
  ['a', a, 19581],
  ['b', b, 19582],
]) {
  const r = await measure(dir, port);
  console.log(
    `(${name}) CPU per review by round: ${r.rounds.map((x) => Math.round(x)).join(' ')} µs (median ${r.cpuUsPerReview}); RSS loaded ${r.idleRssMiB} MiB, peak under load ${r.peakRssMiB} MiB`,
  );
  results[name] = { cpuUsPerReview: r.cpuUsPerReview, peakRssMiB: r.peakRssMiB, idleRssMiB: r.idleRssMiB };
}
console.log(JSON.stringify(results));
