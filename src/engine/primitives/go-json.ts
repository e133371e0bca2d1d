// Kyverno: spec §0.4 — Go `encoding/json.Marshal` output (sorted keys, HTML-safe escaping, Go float rendering).
import type { JsonValue } from '../json.js';
import { exponentNotation, fixedNotation, shortestDigits } from './float-digits.js';

/** Go `encoding/json` rendering of a float64: `f` format, `e` format below 1e-6 or from 1e21 (`1e-7`, `1e+21`). */
export function formatGoJsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`json: unsupported value: ${String(n)}`);
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const d = shortestDigits(n);
  const abs = Math.abs(n);
  if (abs >= 1e-6 && abs < 1e21) return (n < 0 ? '-' : '') + fixedNotation(d);
  // Go cleans `e-07` to `e-7`; positive exponents here always have two or more digits.
  return (n < 0 ? '-' : '') + exponentNotation(d, 'e').replace(/e-0(\d)$/, 'e-$1');
}

const HEX = '0123456789abcdef';

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** `\u00XX`-style escape of a BMP code unit, lowercase hex as Go writes it. */
function unicodeEscape(code: number): string {
  return '\\u' + [12, 8, 4, 0].map((shift) => HEX[(code >> shift) & 0xf]).join('');
}

/** Escape for one code point, or undefined when Go writes it verbatim. */
function escapeCodePoint(ch: string, code: number): string | undefined {
  const short = SHORT_ESCAPES[ch];
  if (short !== undefined) return short;
  // Go escapes control characters, the HTML-sensitive <, >, & and the JS line separators U+2028/U+2029.
  if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029) {
    return unicodeEscape(code);
  }
  // A lone surrogate is invalid UTF-8 for Go, which writes the replacement character instead.
  if (code >= 0xd800 && code <= 0xdfff) return '\\ufffd';
  return undefined;
}

/** A Go-encoded JSON string literal. */
function quoteGoString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    out += escapeCodePoint(ch, code) ?? ch;
  }
  return out + '"';
}

/** Orders strings by code point, which is the byte order of their UTF-8 encodings (Go's `sort.Strings`). */
export function compareByCodePoint(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const diff = (x.value.codePointAt(0) as number) - (y.value.codePointAt(0) as number);
    if (diff !== 0) return diff;
  }
}

/** Go `encoding/json.Marshal` of a JSON value: keys sorted, no whitespace, `<>&` escaped. Throws RangeError on NaN/Infinity. */
export function goJsonStringify(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatGoJsonNumber(v);
  if (typeof v === 'string') return quoteGoString(v);
  if (Array.isArray(v)) return '[' + v.map(goJsonStringify).join(',') + ']';
  const keys = Object.keys(v)
    .filter((k) => v[k] !== undefined)
    .sort(compareByCodePoint);
  return '{' + keys.map((k) => quoteGoString(k) + ':' + goJsonStringify(v[k])).join(',') + '}';
}
