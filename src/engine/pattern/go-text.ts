// Go text renderings that appear in Kyverno's pattern messages and numeric conversions.
// Kyverno: spec §0.4 — every number is a Go float64 (the CLI converts resource numbers to doubles).
import { isObject, type JsonValue } from '../json.js';
import { formatGoV } from '../primitives/go-format.js';
import { compareByCodePoint } from '../primitives/go-json.js';

/** Go `%v` of a decoded JSON value: maps as `map[k:v …]` with sorted keys, slices as `[a b]`, nil as `<nil>`. */
export function goValueV(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatGoV(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goValueV).join(' ')}]`;
  const keys = Object.keys(v).sort(compareByCodePoint);
  return `map[${keys.map((k) => `${k}:${goValueV(v[k])}`).join(' ')}]`;
}

/** Go `%T` of a decoded JSON value. */
export function goTypeName(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return isObject(v) ? 'map[string]interface {}' : '[]interface {}';
}

/** Go `fmt.Sprintf("%f", n)`: fixed notation with six decimals. */
export function goFixed6(n: number): string {
  if (Math.abs(n) < 1e21) return n.toFixed(6);
  // toFixed switches to exponent form from 1e21; such doubles are integers, so print them exactly.
  return `${BigInt(n).toString()}.000000`;
}
