// Kyverno: spec §5.4 — set operators stringify keys and values with Go's fmt.Sprint (`%v`).
import type { JsonValue } from '../json.js';
import { formatGoV } from '../primitives/go-format.js';

/** Orders strings by Unicode code point, which is Go's byte-wise order of their UTF-8 encodings. */
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Go `fmt.Sprint` of a JSON value: `<nil>`, `true`, `1e+06`, `[a b]`, `map[a:1 b:[x]]` (map keys sorted). */
export function goSprint(v: JsonValue): string {
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatGoV(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  const keys = Object.keys(v).sort(compareCodePoints);
  return `map[${keys.map((k) => `${k}:${goSprint(v[k])}`).join(' ')}]`;
}
