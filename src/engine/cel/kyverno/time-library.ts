// Kyverno `time` library (spec kyverno-cel-semantics §5.5 "time"): now/truncate/toCron on a per-evaluation handle.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import type { Clock } from '../../ports.js';
import { declareHandle, registerAliases } from './register.js';

/** The value bound to the `time` variable: the injected clock (cel-js handlers cannot see the activation). */
export class TimeHandle {
  constructor(readonly clock: Clock) {}
}

/** A cel-js duration value (class not exported by cel-js). */
interface CelDuration {
  readonly seconds: bigint;
  readonly nanos: number;
}

// Milliseconds between Go's zero time (0001-01-01 UTC) and the Unix epoch.
const GO_ZERO_OFFSET_MS = 62135596800000n;

/** Go time.Truncate: rounds down to a multiple of `d` since the zero time; `d <= 0` returns `ts` (ms precision). */
export function truncateTime(ts: Date, d: CelDuration): Date {
  const dMs = BigInt(d.seconds) * 1000n + BigInt(Math.trunc(d.nanos / 1e6));
  if (dMs <= 0n) return ts;
  const abs = BigInt(ts.getTime()) + GO_ZERO_OFFSET_MS;
  return new Date(Number(abs - (abs % dMs) - GO_ZERO_OFFSET_MS));
}

/** `"<minute> <hour> <day> <month> <weekday>"` of a timestamp in UTC (Sunday = 0). */
export function toCron(ts: Date): string {
  return [ts.getUTCMinutes(), ts.getUTCHours(), ts.getUTCDate(), ts.getUTCMonth() + 1, ts.getUTCDay()].join(' ');
}

function register(env: Environment): void {
  const T = 'kyverno.Time';
  declareHandle(env, 'time', T, TimeHandle);
  registerAliases(env, T, ['now'], '(): google.protobuf.Timestamp', (h: TimeHandle) => h.clock.now());
  registerAliases(
    env,
    T,
    ['truncate'],
    '(google.protobuf.Timestamp, google.protobuf.Duration): google.protobuf.Timestamp',
    (_: TimeHandle, ts: Date, d: CelDuration) => truncateTime(ts, d),
  );
  registerAliases(env, T, ['toCron'], '(google.protobuf.Timestamp): string', (_: TimeHandle, ts: Date) => toCron(ts));
}

/** `time.now()`, `time.truncate(ts, dur)`, `time.toCron(ts)`. */
export const timeLibrary: CelLibrary = { name: 'kyverno.time', register };
