// When a worker of `serve --workers` dies unexpectedly the primary starts another, after a delay that doubles with
// each death in the last minute: a worker that crashes at start (a bad certificate file, memory) must not spin.

/** How the restart delay grows. */
export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  /** Deaths older than this no longer lengthen the delay. */
  readonly windowMs: number;
}

const DEFAULTS: BackoffOptions = { initialMs: 1000, maxMs: 30_000, windowMs: 60_000 };

/** The delay before the next restart, given the times (ms) of the deaths so far, the latest included. */
export function restartDelayMs(deaths: readonly number[], now: number, opts: BackoffOptions = DEFAULTS): number {
  const recent = deaths.filter((t) => now - t < opts.windowMs).length;
  return Math.min(opts.maxMs, opts.initialMs * 2 ** Math.max(0, recent - 1));
}
