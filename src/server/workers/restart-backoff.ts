// When a worker of `serve --workers` dies unexpectedly the primary starts another, after a delay that doubles with
// each death in the last minute: a worker that crashes at start (a bad certificate file, memory) must not spin.

const INITIAL_MS = 1000;
const MAX_MS = 30_000;
/** Deaths older than this no longer lengthen the delay. */
export const RESTART_WINDOW_MS = 60_000;

/** The delay before the next restart, given the times (ms) of the deaths so far, the latest included. */
export function restartDelayMs(deaths: readonly number[], now: number): number {
  const recent = deaths.filter((t) => now - t < RESTART_WINDOW_MS).length;
  return Math.min(MAX_MS, INITIAL_MS * 2 ** Math.max(0, recent - 1));
}
