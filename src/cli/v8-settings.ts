// V8 settings per kind of command, set with v8.setFlagsFromString before the command does its work.
//
// One-shot commands (check, test, apply, report, rollout) run their hot functions for seconds, not days, yet V8's
// optimizing compiler inlines as if they would run forever: on 10,000 manifests `tollgate check` spent about 1.3 s
// of its 6 s of CPU compiling on background threads (measured per thread from /proc; with compilation moved onto
// the main thread, the main thread took 1.3 s longer). A smaller inlining budget makes each compilation cheaper and
// costs no speed measured on the evaluation itself: 6.0 → 5.1 s CPU and 4.4 → 4.0 s wall for that check. Nor does
// leaving array builtins (map, some, filter, …) uncompiled into their callers: each one inlined is a loop with its
// checks in the caller's graph, and the engine calls them everywhere. Evaluation CPU of the same check fell by
// 6–12% in four series of interleaved runs (medians of 10: 1,998 → 1,754 ms, 1,754 → 1,653 ms), wall time with
// it; a warm evaluation is unchanged.
//
// `serve` marks the old generation on its own thread, in increments, instead of concurrently on helper threads.
// A server holding a large policy set (3,500 policies) under load falls into a state where every scavenge promotes
// nearly all it keeps (94%) and the old generation is marked over and over. With concurrent marking a review then
// often costs far more CPU (one series under continuous load: 476–531 µs against 306–382 µs without it); under
// load that pauses, the state lasted in 4 of 18 runs with it and in none of 30 without. Reviews of a small set cost
// the same either way; peak RSS is ~5 MiB higher (docs/decisions.md). `dashboard` keeps V8's defaults.
import { setFlagsFromString } from 'node:v8';

const ONE_SHOT_FLAGS = ['--max-inlined-bytecode-size-cumulative=200', '--no-turbo-inline-array-builtins'];
const MARKING_ON_MAIN_THREAD = '--no-concurrent-marking';

/** Set V8 up for a command that runs once; call before the command does its work. */
export function tuneForOneShotRun(): void {
  for (const flag of ONE_SHOT_FLAGS) setFlagsFromString(flag);
}

/** The V8 flags `serve` sets, given Node's own: started with `--concurrent-marking`, Node keeps it (to compare, or
 *  to opt out; `--workers` processes inherit Node's flags). */
export function servingFlags(execArgv: readonly string[]): string[] {
  return execArgv.includes('--concurrent-marking') ? [] : [MARKING_ON_MAIN_THREAD];
}

/** Set V8 up for `tollgate serve` (and each of its workers); call before the policies load. */
export function tuneForServing(): void {
  for (const flag of servingFlags(process.execArgv)) setFlagsFromString(flag);
}
