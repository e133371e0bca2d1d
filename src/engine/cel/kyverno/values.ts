// Conversions between JSON data and cel-js runtime values (ints are BigInt, doubles are numbers).
import type { JsonObject, JsonValue } from '../../json.js';
import { KyvernoCelError } from './errors.js';
import { fromCelValue, toCelValue } from '../values.js';

/** How JSON numbers enter CEL: `int` keeps integers as CEL ints (unstructured objects), `double` makes all doubles. */
export type NumberMode = 'int' | 'double';

/** A JSON value as a CEL value: integral numbers become BigInt in `int` mode. */
export function toCel(value: JsonValue, mode: NumberMode): unknown {
  return toCelValue(value, { numbersAsDouble: mode === 'double' });
}

/** A CEL value as JSON (BigInt → number, bytes → base64, timestamp → RFC 3339, Map → object). */
export function fromCel(value: unknown): JsonValue {
  return fromCelValue(value);
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
