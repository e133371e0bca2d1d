// Conversions between JSON data and cel-js runtime values (ints are BigInt, doubles are numbers).
import type { JsonObject, JsonValue } from '../../json.js';
import { KyvernoCelError } from './errors.js';

/** How JSON numbers enter CEL: `int` keeps integers as CEL ints (unstructured objects), `double` makes all doubles. */
export type NumberMode = 'int' | 'double';

/** A JSON value as a CEL value: integral numbers become BigInt in `int` mode. */
export function toCel(value: JsonValue, mode: NumberMode): unknown {
  if (typeof value === 'number') return mode === 'int' && Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map((v) => toCel(v, mode));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCel(v, mode);
    return out;
  }
  return value;
}

/** RFC 3339 like Go's time.RFC3339Nano (UTC, no trailing zero fraction). */
export function formatRfc3339(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

/** A CEL value as JSON (BigInt → number, bytes → base64, timestamp → RFC 3339, Map → object). */
export function fromCel(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(fromCel);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return formatRfc3339(value);
  if (value instanceof Map) return fromEntries([...value.entries()]);
  return fromCelObject(value);
}

function fromCelObject(value: unknown): JsonValue {
  if (typeof value !== 'object' || value === null) throw new KyvernoCelError(`unsupported value ${String(value)}`);
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return fromEntries(Object.entries(value));
  const name = (proto as { constructor?: { name?: string } }).constructor?.name;
  // cel-js UnsignedInt and Duration are not exported; recognise them by shape.
  if (name === 'UnsignedInt') return Number((value as { value: bigint }).value);
  if (name === 'Duration') return String(value);
  if (name === 'Optional') {
    const opt = value as { hasValue(): boolean; value(): unknown };
    return opt.hasValue() ? fromCel(opt.value()) : null;
  }
  throw new KyvernoCelError(`unsupported value of type ${name ?? 'unknown'}`);
}

function fromEntries(entries: [unknown, unknown][]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of entries) out[String(k)] = fromCel(v);
  return out;
}

/** A CEL map value as a JSON object, or a typed error naming what was expected. */
export function celToObject(value: unknown, what: string): JsonObject {
  const json = fromCel(value);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new KyvernoCelError(`${what} must be a map`);
  }
  return json;
}

/** A CEL `map<string, string>` as a string record (non-string values are an error). */
export function celToStringMap(value: unknown, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(celToObject(value, what))) {
    if (typeof v !== 'string') throw new KyvernoCelError(`${what}: value of ${k} is not a string`);
    out[k] = v;
  }
  return out;
}
