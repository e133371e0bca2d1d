// cel-go behaviours cel-js 8.0.0 lacks (kyverno-cel-semantics §5.1 "Conversions", "Equality",
// "Optional types"), added as new overloads (built-ins cannot be replaced).
import { EvaluationError, Optional, type Environment } from '@marcbachmann/cel-js';

const TIMESTAMP = 'google.protobuf.Timestamp';
const DURATION = 'google.protobuf.Duration';
const INT64_MAX = 2n ** 63n - 1n;

/** cel-go zero values: `optional.ofNonZeroValue` yields none for them. */
function isZeroValue(v: unknown): boolean {
  if (v === null || v === false || v === 0 || v === 0n || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Uint8Array) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  if (typeof v === 'object' && v.constructor === Object) return Object.keys(v).length === 0;
  return typeof v === 'object' && 'value' in v && (v as { value: unknown }).value === 0n;
}

/** Numeric value of an int, uint (cel-js UnsignedInt) or double for cross-type equality. */
function numeric(v: unknown): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  return (v as { value: bigint }).value;
}

/** Cross-type numeric equality by value (`1 == 1.0`, `1u == 1`). */
function numericEqual(a: unknown, b: unknown): boolean {
  const x = numeric(a);
  const y = numeric(b);
  if (typeof x === 'bigint' && typeof y === 'bigint') return x === y;
  // Kyverno: §5.1 — a double equals an integer only when it is integral and equal in value.
  if (typeof x === 'number' && typeof y === 'number') return x === y;
  const [d, i] = typeof x === 'number' ? [x, y as bigint] : [y as number, x];
  return Number.isInteger(d) && BigInt(d) === i;
}

/** cel-go `int(uint)`: the same number, an error beyond int64 (overflow.go uint64ToInt64Checked). */
function intFromUint(u: { valueOf(): bigint }): bigint {
  const v = u.valueOf();
  if (v > INT64_MAX) throw new EvaluationError('integer overflow');
  return v;
}

/** Registers `int(timestamp)`, `int(uint)`, `string(duration)`, `optional.ofNonZeroValue`, numeric equality. */
export function registerConversionCompat(env: Environment): void {
  env.registerFunction(`int(${TIMESTAMP}): int`, (d: Date) => BigInt(Math.floor(d.getTime() / 1000)));
  env.registerFunction('int(uint): int', intFromUint);
  // cel-go prints durations as seconds: `string(duration("1h"))` is "3600s".
  env.registerFunction(`string(${DURATION}): string`, (d: { toString(): string }) => d.toString());
  env.registerFunction('OptionalNamespace.ofNonZeroValue(dyn): optional<dyn>', (_ns: unknown, v: unknown) =>
    isZeroValue(v) ? Optional.none() : Optional.of(v),
  );
  for (const pair of ['int == double', 'uint == int', 'uint == double']) {
    env.registerOperator(pair, numericEqual);
  }
}
