// Kyverno: spec §5.3 `s.format(args)` — cel-go ext.Strings v2 formatting (the locale-aware version 1 formatter).
import { formatGoFixed, formatGoV } from '../../primitives/go-format.js';
import { typeName } from './equality.js';
import { celError, durationNanos, isDuration, isUint } from './runtime.js';

/** One `%…` clause: its verb and optional precision. */
interface Clause {
  verb: string;
  precision?: number;
}

/** cel-go timestamp → string: RFC 3339 with the fraction's trailing zeros dropped. */
function timestampText(d: Date): string {
  return d.toISOString().replace(/\.?0+Z$/, 'Z');
}

/** cel-go duration → string: seconds as the shortest decimal, then `s`. */
function durationText(d: Parameters<typeof durationNanos>[0]): string {
  return `${formatGoFixed(Number(durationNanos(d)) / 1e9)}s`;
}

/** Go `%q` of a string, which is how list and map elements are quoted. */
function goQuote(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function isMapValue(v: unknown): v is object {
  return typeof v === 'object' && v !== null && (v.constructor === Object || v instanceof Map);
}

/** An element inside a list or map: strings quoted, doubles with six decimals (non-finite ones quoted). */
function elementText(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (v instanceof Uint8Array) return `b${goQuote(Buffer.from(v).toString('utf8'))}`;
  if (typeof v === 'number') return Number.isFinite(v) ? goToFixed(v, 6) : goQuote(formatGoV(v));
  if (v instanceof Date) return `timestamp(${goQuote(timestampText(v))})`;
  if (isDuration(v)) return `duration(${goQuote(durationText(v))})`;
  return stringText(v);
}

function mapText(m: object): string {
  const entries = m instanceof Map ? [...m.entries()] : Object.entries(m);
  const pairs = entries.map(([k, v]) => {
    if (typeof k !== 'string' && typeof k !== 'bigint' && typeof k !== 'boolean' && !isUint(k))
      throw celError(`no formatting function for map key of type ${typeName(k)}`);
    return { key: typeof k === 'string' ? goQuote(k) : String(k), value: elementText(v) };
  });
  pairs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return `{${pairs.map((p) => `${p.key}:${p.value}`).join(', ')}}`;
}

/** `%s`: any value as CEL's string() would print it; lists and maps CEL-style; `null` as `null`. */
export function stringText(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean' || isUint(v)) return String(v);
  if (typeof v === 'number') return formatGoV(v);
  if (Array.isArray(v)) return `[${v.map(elementText).join(', ')}]`;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (v instanceof Date) return timestampText(v);
  if (isDuration(v)) return durationText(v);
  if (isMapValue(v)) return mapText(v);
  if (typeof v === 'object' && v.constructor?.name === 'Type') return (v as { name: string }).name;
  throw celError(
    `string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given ${typeName(v)}`,
  );
}

function integerOf(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  return isUint(v) ? v.valueOf() : undefined;
}

/** Go `%b`/`%o`/`%x` of an integer: sign, then the magnitude in the radix. */
function radixText(n: bigint, radix: number): string {
  return n < 0n ? `-${(-n).toString(radix)}` : n.toString(radix);
}

/** A double argument of `%f`/`%e`, which also accepts the strings "NaN", "Infinity" and "-Infinity". */
function doubleOf(v: unknown, clause: string): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
  throw celError(`${clause} clause can only be used on doubles, was given ${typeName(v)}`);
}

/** Go's spelling of the non-finite doubles. */
function nonFinite(n: number): string {
  return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
}

/** Go `%.Nf`: the exact binary value rounded half-to-even (JS toFixed rounds exact ties up). */
export function goToFixed(x: number, precision: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const mantissa = (bits & ((1n << 52n) - 1n)) | (biased === 0 ? 0n : 1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  let num = mantissa * 10n ** BigInt(precision);
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  let q = num / den;
  const twice = 2n * (num % den);
  if (twice > den || (twice === den && q % 2n === 1n)) q++;
  const digits = q.toString().padStart(precision + 1, '0');
  const text = precision === 0 ? digits : `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
  return x < 0 || Object.is(x, -0) ? `-${text}` : text;
}

/** Thousands separators on the integer part, as golang.org/x/text's en_US printer adds them. */
function groupThousands(fixed: string): string {
  const [int, frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const grouped = int.slice(sign.length).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

function fixedText(v: unknown, precision = 6): string {
  const n = doubleOf(v, 'fixed-point');
  // Kyverno: spec §5.3 — cel-go formats `%f` through an en_US x/text printer, which groups thousands.
  return Number.isFinite(n) ? groupThousands(goToFixed(n, precision)) : nonFinite(n);
}

function scientificText(v: unknown): string {
  const n = doubleOf(v, 'scientific');
  if (!Number.isFinite(n)) return nonFinite(n);
  // Kyverno: spec §5.3 — cel-go builds `%<precision>e` (a width, not a precision), so the precision is always 6.
  return n.toExponential(6).replace(/e([+-])(\d)$/, 'e$10$2');
}

function hexText(v: unknown, upper: boolean): string {
  const n = integerOf(v);
  let text: string;
  if (n !== undefined) text = radixText(n, 16);
  else if (typeof v === 'string') text = Buffer.from(v, 'utf8').toString('hex');
  else if (v instanceof Uint8Array) text = Buffer.from(v).toString('hex');
  else throw celError(`only integers, byte buffers, and strings can be formatted as hex, was given ${typeName(v)}`);
  return upper ? text.toUpperCase() : text;
}

function binaryText(v: unknown): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  const n = integerOf(v);
  if (n === undefined) throw celError(`only integers and bools can be formatted as binary, was given ${typeName(v)}`);
  return radixText(n, 2);
}

function integerText(v: unknown, radix: number, clause: string): string {
  const n = integerOf(v);
  if (n === undefined) throw celError(`${clause} clause can only be used on integers, was given ${typeName(v)}`);
  return radixText(n, radix);
}

/** Renders one argument for one clause. */
function renderClause(c: Clause, v: unknown): string {
  switch (c.verb) {
    case 's':
      return stringText(v);
    case 'd':
      return integerText(v, 10, 'decimal');
    case 'f':
      return fixedText(v, c.precision);
    case 'e':
      return scientificText(v);
    case 'b':
      return binaryText(v);
    case 'o':
      return integerText(v, 8, 'octal');
    case 'x':
    case 'X':
      return hexText(v, c.verb === 'X');
    default:
      throw celError(`could not parse formatting clause: unrecognized formatting clause "${c.verb}"`);
  }
}

/** Reads the clause starting after a `%` at `i`; returns it and the index after it. */
function readClause(format: string, i: number): { clause: Clause; next: number } {
  const m = /^(?:\.(\d+))?(.)?/su.exec(format.slice(i)) as RegExpExecArray;
  if (m[2] === undefined) throw celError('could not parse formatting clause: unexpected end of string');
  const clause: Clause = { verb: m[2] };
  if (m[1] !== undefined) clause.precision = Number(m[1]);
  return { clause, next: i + m[0].length };
}

/** cel-go `string.format(list)`: printf-like formatting with the verbs of spec §5.3. */
export function formatString(format: string, args: unknown[]): string {
  let out = '';
  let argIndex = 0;
  for (let i = 0; i < format.length;) {
    const pct = format.indexOf('%', i);
    if (pct < 0) return out + format.slice(i);
    out += format.slice(i, pct);
    if (format[pct + 1] === '%') {
      out += '%';
      i = pct + 2;
      continue;
    }
    const { clause, next } = readClause(format, pct + 1);
    if (argIndex >= args.length) throw celError(`index ${argIndex} out of range`);
    out += renderClause(clause, args[argIndex++]);
    i = next;
  }
  return out;
}
