// JSON ⇄ CEL value conversion. CEL ints are BigInt, doubles are numbers, maps are null-prototype
// objects (so a `__proto__` key is just a key).
import { Optional } from '@marcbachmann/cel-js';
import type { JsonObject, JsonValue } from '../json.js';

export interface ToCelOptions {
  /** Kyverno: kyverno-cel-semantics §5.2.1 (CLI quirk) — trigger-resource numbers are all doubles. */
  readonly numbersAsDouble?: boolean;
}

const INT64_MIN = -(2 ** 63);
const INT64_MAX = 2 ** 63;

/** Converts JSON to CEL: integral numbers in int64 range become BigInt unless numbersAsDouble. */
export function toCelValue(json: JsonValue, opts: ToCelOptions = {}): unknown {
  if (typeof json === 'number') return toCelNumber(json, opts.numbersAsDouble === true);
  if (Array.isArray(json)) return json.map((v) => toCelValue(v, opts));
  if (json !== null && typeof json === 'object') {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(json)) out[k] = toCelValue(v, opts);
    return out;
  }
  return json;
}

function toCelNumber(n: number, asDouble: boolean): number | bigint {
  if (asDouble || !Number.isInteger(n) || n < INT64_MIN || n >= INT64_MAX) return n;
  return BigInt(n);
}

/**
 * Converts a CEL value to JSON: ints/uints → numbers, maps → objects, an optional → its value
 * (none → null), timestamps → RFC 3339 (`2024-01-02T03:04:05Z`), durations → cel-go's
 * seconds form (`3600s`), bytes → base64, types → their name.
 */
export function fromCelValue(v: unknown): JsonValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v) || v instanceof Set) return [...v].map(fromCelValue);
  if (v instanceof Map) return fromEntries(v.entries());
  if (v instanceof Optional) return v.hasValue() ? fromCelValue(v.value()) : null;
  if (v instanceof Date) return formatTimestamp(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return fromOtherObject(v as object);
}

function fromOtherObject(v: object): JsonValue {
  const tag = Object.prototype.toString.call(v);
  if (tag === '[object google.protobuf.Duration]') return String(v);
  if (tag.startsWith('[object Type<')) return (v as { name: string }).name;
  if ('value' in v && typeof v.value === 'bigint' && v.constructor.name === 'UnsignedInt') return Number(v.value);
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto === null || proto === Object.prototype || isSchemaWrapper(v)) return fromEntries(Object.entries(v));
  return String(v);
}

/** Instances of cel-js schema types (e.g. the typed `request`) carry their fields as own properties. */
function isSchemaWrapper(v: object): boolean {
  return (
    Object.keys(v).length > 0 &&
    typeof (v as { toString?: unknown }).toString === 'function' &&
    String(v) === '[object Object]'
  );
}

function fromEntries(entries: Iterable<[unknown, unknown]>): JsonObject {
  const out: JsonObject = {};
  for (const [k, val] of entries)
    Object.defineProperty(out, String(k), {
      value: fromCelValue(val),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/** RFC 3339 in UTC, with milliseconds only when non-zero (cel-js timestamps are JS Dates). */
function formatTimestamp(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso;
}
