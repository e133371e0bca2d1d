// Shared plumbing for the extension libraries: errors, namespaces and the cel-js runtime classes.
import { Environment, EvaluationError } from '@marcbachmann/cel-js';

/** An evaluation error raised by a library function (cel-js attaches the call's position to it). */
export function celError(message: string): EvaluationError {
  return new EvaluationError(message);
}

const probe = new Environment();
/** cel-js's runtime class for `uint` values (not exported by the package). */
export const UintClass = (probe.evaluate('1u') as object).constructor as new (v: bigint) => { valueOf(): bigint };
/** cel-js's runtime class for `google.protobuf.Duration` values. */
export const DurationClass = (probe.evaluate('duration("1s")') as object).constructor as new (
  seconds: bigint,
  nanos: number,
) => CelDuration;

/** The part of cel-js's Duration the libraries use. */
export interface CelDuration {
  readonly seconds: bigint;
  readonly nanos: number;
}

/** True for a cel-js `uint` value. */
export function isUint(v: unknown): v is { valueOf(): bigint } {
  return v instanceof UintClass;
}

/** True for a cel-js duration value. */
export function isDuration(v: unknown): v is CelDuration {
  return v instanceof DurationClass;
}

/** A duration's length in nanoseconds. */
export function durationNanos(d: CelDuration): bigint {
  return d.seconds * 1_000_000_000n + BigInt(d.nanos);
}

/** A cel-js duration from nanoseconds. */
export function durationFromNanos(n: bigint): CelDuration {
  return new DurationClass(n / 1_000_000_000n, Number(n % 1_000_000_000n));
}

/** A value with its own CEL equality (the opaque Kubernetes types: Quantity, IP, CIDR, URL, Semver, Format). */
export abstract class CelOpaque {
  /** CEL `==` against another value of the same type. */
  abstract celEquals(other: CelOpaque): boolean;
}

/**
 * Declares `name` as a function namespace (`math.greatest(…)` is a method call on the constant `math`) and returns
 * the receiver type for its functions. When another library declared the namespace first (Kyverno's `math`), its
 * type is reused, so libraries sharing a prefix can register in any order.
 */
export function celNamespace(env: Environment, name: string): string {
  const existing = env.getDefinitions().variables.find((v) => v.name === name);
  if (existing) return existing.type;
  const type = `${name[0].toUpperCase()}${name.slice(1)}Namespace`;
  const ctor = { [type]: class {} }[type];
  env.registerType(type, ctor);
  env.registerConstant(name, type, new ctor());
  return type;
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Checks a CEL int result against the int64 range (overflow is an error in CEL). */
export function checkInt64(v: bigint): bigint {
  if (v < INT64_MIN || v > INT64_MAX) throw celError('integer overflow');
  return v;
}

/** A CEL int argument as a JS number for indexing (values beyond the safe range cannot be valid indices anyway). */
export function toIndex(v: bigint): number {
  return v > BigInt(Number.MAX_SAFE_INTEGER)
    ? Number.MAX_SAFE_INTEGER
    : v < -1n << 53n
      ? -Number.MAX_SAFE_INTEGER
      : Number(v);
}
