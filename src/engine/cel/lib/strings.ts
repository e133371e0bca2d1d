// Kyverno: spec §5.3 "Strings (ext.Strings v2)" — the functions cel-js lacks (charAt, replace, format, strings.quote)
// and cel-go's versions of the cel-js built-ins that differ (code-point indices, ASCII-only case mapping, Go whitespace).
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { celError, celNamespace, toIndex } from './runtime.js';
import { formatString } from './string-format.js';

/** cel-go `charAt`: the code point at `i`; `i == size` gives "" and anything outside [0, size] is an error. */
export function charAt(s: string, index: bigint): string {
  const chars = [...s];
  const i = toIndex(index);
  if (i < 0 || i > chars.length) throw celError(`index out of range: ${index}`);
  return chars[i] ?? '';
}

/** Go `strings.Replace`: the first `n` occurrences (`n < 0`: all); an empty `old` matches before every code point and at the end. */
export function replaceN(s: string, old: string, replacement: string, n: bigint): string {
  if (n === 0n || old === replacement) return s;
  const limit = n < 0n ? Infinity : Number(n);
  if (old === '') {
    const chars = [...s];
    let out = '';
    let done = 0;
    for (let i = 0; i <= chars.length; i++) {
      if (done < limit) {
        out += replacement;
        done++;
      }
      out += chars[i] ?? '';
    }
    return out;
  }
  const parts = s.split(old);
  if (parts.length - 1 <= limit) return parts.join(replacement);
  return parts.slice(0, limit + 1).join(replacement) + old + parts.slice(limit + 1).join(old);
}

/** Go's backslash escapes for quoted strings (strconv.Quote and cel-go's strings.quote share them). */
export const QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** cel-go `strings.quote`: double quotes, the C-style escapes and `\\`/`\"`; every other character as is. */
export function quote(s: string): string {
  // Kyverno: spec §5.3 — cel-go replaces invalid UTF-8 with U+FFFD; JS strings only hold lone surrogates.
  const sanitized = s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return `"${[...sanitized].map((c) => QUOTE_ESCAPES[c] ?? c).join('')}"`;
}

function isSurrogatePairAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
}

/** The UTF-16 offset of code point `cp` in `s` (`s.length` at or past the end). */
function unitOffset(s: string, cp: number): number {
  let unit = 0;
  for (let i = 0; i < cp && unit < s.length; i++) unit += isSurrogatePairAt(s, unit) ? 2 : 1;
  return unit;
}

/** How many code points precede the UTF-16 offset `unit` of `s`. */
function codePointIndex(s: string, unit: number): number {
  let cp = 0;
  for (let i = 0; i < unit; i += isSurrogatePairAt(s, i) ? 2 : 1) cp++;
  return cp;
}

/** cel-go `indexOf`: first code-point index of `t` at or after `from`; `t == ""` gives `from`, `from < 0` is an error. */
export function indexOf(s: string, t: string, from = 0n): bigint {
  if (t === '') return from;
  if (from < 0n) throw celError(`index out of range: ${from}`);
  // Kyverno: spec §5.3 — a start past the end finds nothing (older cel-go raised an error, as cel-js does).
  if (from >= BigInt(codePointIndex(s, s.length))) return -1n;
  const found = s.indexOf(t, unitOffset(s, Number(from)));
  return found < 0 ? -1n : BigInt(codePointIndex(s, found));
}

/** cel-go `lastIndexOf`: last code-point index of `t` starting at or before `from` (default: the last character). */
export function lastIndexOf(s: string, t: string, from?: bigint): bigint {
  const size = BigInt(codePointIndex(s, s.length));
  if (from === undefined) {
    if (t === '') return size;
    // Kyverno: spec §5.3 — cel-go ≥ 0.25 answers -1 on an empty string (it used to raise "index out of range: -1").
    if (s === '') return -1n;
    from = size - 1n;
  }
  if (t === '') return from;
  if (from < 0n) throw celError(`index out of range: ${from}`);
  // Kyverno: spec §5.3 — cel-go answers -1 for a start past the last character rather than clamping it.
  if (from >= size) return -1n;
  const found = s.lastIndexOf(t, unitOffset(s, Number(from)));
  return found < 0 ? -1n : BigInt(codePointIndex(s, found));
}

/** cel-go `substring`: code points `[start, end)`; negative, reversed or beyond-size indices are errors. */
export function substring(s: string, start: bigint, end?: bigint): string {
  const chars = [...s];
  const size = BigInt(chars.length);
  if (end !== undefined && start > end) throw celError(`invalid substring range. start: ${start}, end: ${end}`);
  if (start < 0n || start > size) throw celError(`index out of range: ${start}`);
  if (end !== undefined && (end < 0n || end > size)) throw celError(`index out of range: ${end}`);
  return chars.slice(Number(start), end === undefined ? undefined : Number(end)).join('');
}

/** cel-go `lowerAscii`: only `A`–`Z` change (JS toLowerCase would also map `À`, `Σ`…). */
export function lowerAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** cel-go `upperAscii`: only `a`–`z` change. */
export function upperAscii(s: string): string {
  return s.replace(/[a-z]+/g, (m) => m.toUpperCase());
}

// Go's unicode.IsSpace: unlike JS trim it includes U+0085 (NEL) and excludes U+FEFF (BOM).
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const GO_TRIM = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');

/** Go `strings.TrimSpace`: strips leading and trailing Unicode white space. */
export function trimSpace(s: string): string {
  return s.replace(GO_TRIM, '');
}

/** Go `strings.SplitN` (`n < 0`: all parts, `0`: none); an empty separator splits into code points. */
export function splitN(s: string, sep: string, n = -1n): string[] {
  if (n === 0n) return [];
  const parts = sep === '' ? [...s] : s.split(sep);
  if (n < 0n || BigInt(parts.length) <= n) return parts;
  const k = Number(n);
  return [...parts.slice(0, k - 1), parts.slice(k - 1).join(sep)];
}

/** A cel-js overload implementation: the receiver, then the arguments. */
export type OverloadHandler = (...args: never[]) => unknown;

/** cel-go's ext.Strings v2 behaviour for the cel-js built-ins that differ, keyed by cel-js signature. */
export const stringBuiltinOverrides: Readonly<Record<string, OverloadHandler>> = {
  'string.indexOf(string): int': (s: string, t: string) => indexOf(s, t),
  'string.indexOf(string, int): int': indexOf,
  'string.lastIndexOf(string): int': (s: string, t: string) => lastIndexOf(s, t),
  'string.lastIndexOf(string, int): int': lastIndexOf,
  'string.substring(int): string': (s: string, start: bigint) => substring(s, start),
  'string.substring(int, int): string': substring,
  'string.lowerAscii(): string': lowerAscii,
  'string.upperAscii(): string': upperAscii,
  'string.trim(): string': trimSpace,
  'string.split(string): list<string>': (s: string, sep: string) => splitN(s, sep),
  'string.split(string, int): list<string>': splitN,
};

function register(env: Environment): void {
  const strings = celNamespace(env, 'strings');
  env.registerFunction('string.charAt(int): string', charAt);
  env.registerFunction('string.replace(string, string): string', (s: string, o: string, r: string) =>
    replaceN(s, o, r, -1n),
  );
  env.registerFunction('string.replace(string, string, int): string', replaceN);
  env.registerFunction('string.format(list): string', formatString);
  env.registerFunction(`${strings}.quote(string): string`, (_ns: unknown, s: string) => quote(s));
}

/** ext.Strings version 2, the part cel-js does not provide itself (indexOf, split, trim, join… are cel-js's). */
export const stringsLibrary: CelLibrary = { name: 'ext.strings', register };
