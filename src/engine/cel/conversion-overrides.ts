// cel-go's type conversions for the cel-js built-ins that accept other inputs or fail differently (cel-go v0.30.0
// common/types: String/Double/Int.ConvertToType, which parse with Go's strconv). cel-js turns `int('')` into 0 and
// `int(1e19)` into a value; cel-go makes both errors, so a policy's verdict depends on it.
import { EvaluationError } from '@marcbachmann/cel-js';
import { conversionErrorText, goQuote } from './go-error-text.js';
import { UintClass } from './lib/runtime.js';
import type { OverloadHandler } from './lib/strings.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const TWO_TO_63 = 2 ** 63;
const TWO_TO_64 = 2 ** 64;
// cel-go's timestamp range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, in Unix seconds.
const MIN_UNIX_SECONDS = -62135596800;
const MAX_UNIX_SECONDS = 253402300799;

const INTEGER_OVERFLOW = 'integer overflow';
const UNSIGNED_OVERFLOW = 'unsigned integer overflow';
const TIMESTAMP = 'google.protobuf.Timestamp';

function fail(message: string): never {
  throw new EvaluationError(message);
}

/** Go `strconv.ParseInt(s, 10, 64)`: an optional sign and decimal digits, in int64 range. */
export function parseGoInt(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}

/** Go `strconv.ParseUint(s, 10, 64)`: decimal digits only (no sign), in uint64 range. */
export function parseGoUint(s: string): bigint | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n <= UINT64_MAX ? n : undefined;
}

/** Go `strconv.ParseBool`. */
const GO_BOOLS: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

// Go float literal syntax as strconv.ParseFloat reads it: decimal with an optional `e` exponent, or hexadecimal
// with a mandatory `p` exponent; underscores are checked separately (underscoreOK).
const DECIMAL_FLOAT = /^[+-]?[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9][0-9_]*)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9][0-9_]*)$/;

/** Go `strconv.ParseFloat(s, 64)`; undefined for a syntax error or a value out of range. */
export function parseGoFloat(s: string): number | undefined {
  const special = /^([+-]?)(?:inf|infinity)$/i.exec(s);
  if (special !== null) return special[1] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (!underscoreOk(s)) return undefined;
  let value: number;
  const hexFloat = HEX_FLOAT.exec(s);
  if (hexFloat !== null) {
    const [, sign, whole, fraction = '', exponent] = hexFloat;
    const digits = (whole + fraction).replace(/_/g, '');
    if (digits === '') return undefined;
    const exp = Number(exponent.replace(/_/g, '')) - 4 * fraction.replace(/_/g, '').length;
    value = scaleByPowerOfTwo(Number(BigInt(`0x${digits}`)), exp) * (sign === '-' ? -1 : 1);
  } else {
    const mantissa = s.replace(/[eE].*$/, '');
    if (!DECIMAL_FLOAT.test(s) || !/[0-9]/.test(mantissa)) return undefined;
    value = Number(s.replace(/_/g, ''));
  }
  return Number.isFinite(value) ? value : undefined;
}

/** `x * 2**exp` without overflowing the power of two on the way for very long or very small mantissas. */
function scaleByPowerOfTwo(x: number, exp: number): number {
  let result = x;
  let e = exp;
  while (e > 1000 && Number.isFinite(result)) {
    result *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000 && result !== 0) {
    result *= 2 ** -1000;
    e += 1000;
  }
  return result * 2 ** e;
}

/** Go strconv's underscoreOK: underscores only between digits, or between a base prefix and a digit. */
function underscoreOk(s: string): boolean {
  let saw = '^';
  let i = 0;
  let t = s;
  if (t.startsWith('+') || t.startsWith('-')) t = t.slice(1);
  let hexDigits = false;
  if (t.length >= 2 && t[0] === '0' && 'bBoOxX'.includes(t[1])) {
    i = 2;
    saw = '0';
    hexDigits = t[1] === 'x' || t[1] === 'X';
  }
  for (; i < t.length; i++) {
    const c = t[i];
    if ((c >= '0' && c <= '9') || (hexDigits && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** cel-go's isStrictRFC3339: the exact RFC 3339 layout (case-insensitive `T` and `Z`), checked before parsing. */
export function isStrictRfc3339(s: string): boolean {
  const m = RFC3339.exec(s);
  if (m === null) return false;
  const within = (v: string | undefined, lo: number, hi: number) => v === undefined || (+v >= lo && +v <= hi);
  return (
    within(m[2], 1, 12) &&
    within(m[3], 1, 31) &&
    within(m[4], 0, 23) &&
    within(m[5], 0, 59) &&
    within(m[6], 0, 60) &&
    within(m[9], 0, 23) &&
    within(m[10], 0, 59)
  );
}

/** String → Timestamp as cel-go converts it: strict layout, then Go's time.Parse, then the timestamp range. */
function timestampFromString(s: string): Date {
  const m = RFC3339.exec(s);
  if (m === null || !isStrictRfc3339(s)) fail(`invalid RFC 3339 timestamp ${goQuote(s)}`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  // Go's time.Parse rejects what the layout check lets through: a day past the month's end, second 60, and a
  // lower-case `t` or `z` (its RFC 3339 layout is case-sensitive).
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
  if (day > daysInMonth || second > 59 || s[10] === 't' || s.endsWith('z')) {
    fail(conversionErrorText('string', TIMESTAMP));
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number((m[7] ?? '').slice(0, 3).padEnd(3, '0')));
  const offsetMinutes = m[8] === undefined ? 0 : (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
  date.setTime(date.getTime() - offsetMinutes * 60_000);
  const seconds = Math.floor(date.getTime() / 1000);
  if (seconds < MIN_UNIX_SECONDS || seconds > MAX_UNIX_SECONDS) fail('timestamp overflow');
  return date;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The cel-js conversion built-ins replaced with cel-go's behaviour, keyed by cel-js signature. */
export const conversionBuiltinOverrides: Readonly<Record<string, OverloadHandler>> = {
  'int(string): int': (s: string) => parseGoInt(s) ?? fail(conversionErrorText('string', 'int')),
  'uint(string): uint': (s: string) => {
    const n = parseGoUint(s);
    return n === undefined ? fail(conversionErrorText('string', 'uint')) : new UintClass(n);
  },
  'double(string): double': (s: string) => parseGoFloat(s) ?? fail(conversionErrorText('string', 'double')),
  'bool(string): bool': (s: string) => GO_BOOLS[s] ?? fail(conversionErrorText('string', 'bool')),
  // overflow.go doubleToInt64Checked / doubleToUint64Checked / int64ToUint64Checked.
  'int(double): int': (d: number) =>
    Number.isNaN(d) || d <= -TWO_TO_63 || d >= TWO_TO_63 ? fail(INTEGER_OVERFLOW) : BigInt(Math.trunc(d)),
  'uint(double): uint': (d: number) =>
    Number.isNaN(d) || d < 0 || d >= TWO_TO_64 ? fail(UNSIGNED_OVERFLOW) : new UintClass(BigInt(Math.trunc(d))),
  'uint(int): uint': (i: bigint) => (i < 0n ? fail(UNSIGNED_OVERFLOW) : new UintClass(i)),
  [`timestamp(string): ${TIMESTAMP}`]: timestampFromString,
};
