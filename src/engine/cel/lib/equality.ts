// CEL equality and ordering over cel-js runtime values, for the list and set functions.
import { CelOpaque, celError, durationNanos, isDuration, isUint } from './runtime.js';
import { NO_SUCH_OVERLOAD } from '../go-error-text.js';

/** A numeric CEL value (int, uint or double) as a comparable JS value, or undefined. */
function numeric(v: unknown): bigint | number | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (isUint(v)) return v.valueOf();
  return undefined;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function entriesOf(m: object): [unknown, unknown][] {
  return m instanceof Map ? [...m.entries()] : Object.entries(m);
}

function lookup(m: object, key: unknown): unknown {
  if (m instanceof Map) return m.get(key);
  return typeof key === 'string' && Object.hasOwn(m, key) ? (m as Record<string, unknown>)[key] : undefined;
}

function isMap(v: unknown): v is object {
  return (
    typeof v === 'object' && v !== null && (v.constructor === Object || v.constructor === undefined || v instanceof Map)
  );
}

function mapsEqual(a: object, b: object): boolean {
  const ea = entriesOf(a);
  if (ea.length !== entriesOf(b).length) return false;
  return ea.every(([k, v]) => {
    const other = lookup(b, k);
    return other !== undefined && celEquals(v, other);
  });
}

/** CEL `==`: heterogeneous (different types are unequal), numbers across int/uint/double, lists and maps deeply. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = numeric(a);
  const nb = numeric(b);
  // Loose equality compares a bigint and a number by value: exactly CEL's cross-type numeric equality.
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && na == nb;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEqual(a, b);
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  if (isDuration(a)) return isDuration(b) && durationNanos(a) === durationNanos(b);
  if (a instanceof CelOpaque) return b instanceof CelOpaque && a.constructor === b.constructor && a.celEquals(b);
  if (isMap(a)) return isMap(b) && mapsEqual(a, b);
  return false;
}

/** The ordering class of a comparable CEL value; numbers share one class (cross-type numeric ordering). */
function orderingKind(v: unknown): string | undefined {
  if (numeric(v) !== undefined) return 'number';
  if (typeof v === 'string' || typeof v === 'boolean') return typeof v;
  if (v instanceof Uint8Array) return 'bytes';
  if (v instanceof Date) return 'timestamp';
  if (isDuration(v)) return 'duration';
  return undefined;
}

function sortKey(v: unknown): bigint | number | string | boolean {
  if (v instanceof Date) return v.getTime();
  if (isDuration(v)) return durationNanos(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('latin1');
  return numeric(v) ?? (v as string | boolean);
}

/**
 * Three-way CEL comparison of two values of one comparable type; an error for mixed or unordered types, worded as
 * cel-go's Compare and the Kubernetes list functions word it (types.MaybeNoSuchOverloadErr).
 */
export function celCompare(a: unknown, b: unknown): -1 | 0 | 1 {
  const kind = orderingKind(a);
  if (kind === undefined || kind !== orderingKind(b)) throw celError(NO_SUCH_OVERLOAD);
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A CEL type name for error messages. */
export function typeName(v: unknown): string {
  if (v === null) return 'null_type';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'string' || typeof v === 'boolean') return typeof v === 'string' ? 'string' : 'bool';
  if (isUint(v)) return 'uint';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Uint8Array) return 'bytes';
  if (v instanceof Date) return 'google.protobuf.Timestamp';
  if (isDuration(v)) return 'google.protobuf.Duration';
  return isMap(v) ? 'map' : ((v as object).constructor?.name ?? 'unknown');
}
