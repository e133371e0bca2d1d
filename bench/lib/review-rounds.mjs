// Rounds of Pod CREATE reviews on a load pool, charged to the server: shared by bench/webhook-cpu.mjs and
// bench/webhook-sustained.mjs.
import { podCreateReview } from './pod-review.mjs';
import { processTree, rssMiB, treeCpuUs } from './proc-stats.mjs';

/** The middle value (the upper one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * `rounds` rounds of `reviews` reviews on `pool` (bench/lib/raw-load.mjs, connections opened before): the CPU per
 * review of the server's process tree in each round (from /proc), and each process's peak RSS (MiB), sampled every
 * 100 ms meanwhile.
 */
export async function reviewRounds(pid, pool, rounds, reviews) {
  const peakRss = new Map();
  const sampler = setInterval(() => {
    for (const p of processTree(pid)) peakRss.set(p, Math.max(peakRss.get(p) ?? 0, rssMiB(p)));
  }, 100);
  const perReview = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const before = treeCpuUs(pid);
      await pool.run({ path: '/validate', body: podCreateReview, count: reviews });
      perReview.push((treeCpuUs(pid) - before) / reviews);
    }
  } finally {
    clearInterval(sampler);
  }
  return { perReview, peakRssMiB: [...peakRss.values()] };
}
