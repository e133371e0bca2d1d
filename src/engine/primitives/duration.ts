// Kyverno: spec §0.2 — Go `time.ParseDuration` and `time.Duration.String()`, in integer nanoseconds.
import { boundedMemo } from './bounded-memo.js';

const NS = 1n;
const US = 1000n * NS;
const MS = 1000n * US;
const SECOND = 1000n * MS;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;

const UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', NS],
  ['us', US],
  ['\u00b5s', US], // U+00B5 micro sign
  ['\u03bcs', US], // U+03BC Greek small letter mu
  ['ms', MS],
  ['s', SECOND],
  ['m', MINUTE],
  ['h', HOUR],
]);

const MAX_MAGNITUDE = 1n << 63n; // |math.MinInt64|
const MAX_UINT63 = (1n << 63n) - 1n;

/** One `<number><unit>` group: the integer part, the fraction digits, and the text left after the unit. */
interface DurationGroup {
  whole: bigint;
  fraction: bigint;
  scale: number;
  unit: bigint;
  rest: string;
}

/** Parses the group at the start of `s` (Go's leadingInt/leadingFraction/unit scan), or undefined. */
function parseGroup(s: string): DurationGroup | undefined {
  const m = /^(\d*)(?:\.(\d*))?/.exec(s) as RegExpExecArray;
  const [numberText, intDigits, fracDigits] = m;
  if (intDigits === '' && (fracDigits ?? '') === '') return undefined;
  const whole = intDigits === '' ? 0n : BigInt(intDigits);
  if (whole > MAX_MAGNITUDE) return undefined;
  const unitMatch = /^[^.0-9]*/.exec(s.slice(numberText.length)) as RegExpExecArray;
  const unit = UNITS.get(unitMatch[0]);
  if (unit === undefined) return undefined;
  const { fraction, scale } = leadingFraction(fracDigits ?? '');
  return { whole, fraction, scale, unit, rest: s.slice(numberText.length + unitMatch[0].length) };
}

/** Go's leadingFraction: accumulates fraction digits until the value would overflow int64, ignoring the rest. */
function leadingFraction(digits: string): { fraction: bigint; scale: number } {
  let fraction = 0n;
  let scale = 1;
  for (const d of digits) {
    const next = fraction * 10n + BigInt(d);
    if (fraction > MAX_UINT63 / 10n || next > MAX_MAGNITUDE) break;
    fraction = next;
    scale *= 10;
  }
  return { fraction, scale };
}

/** Nanoseconds of one group; the fraction goes through float64 exactly as Go computes it. */
function groupNanos(g: DurationGroup): bigint | undefined {
  if (g.whole > MAX_MAGNITUDE / g.unit) return undefined;
  let v = g.whole * g.unit;
  if (g.fraction > 0n) {
    v += BigInt(Math.trunc(Number(g.fraction) * (Number(g.unit) / g.scale)));
    if (v > MAX_MAGNITUDE) return undefined;
  }
  return v;
}

/**
 * Go `time.ParseDuration`: nanoseconds, or undefined when `s` is not a Go duration (`"10"` is not; `"0"` is).
 * Operators try every string they compare as a duration; the same texts recur, so the answers are remembered.
 */
export const parseDuration: (s: string) => number | undefined = boundedMemo(4096, readDuration);

function readDuration(s: string): number | undefined {
  let rest = s;
  const negative = rest.startsWith('-');
  if (negative || rest.startsWith('+')) rest = rest.slice(1);
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0n;
  while (rest !== '') {
    const group = parseGroup(rest);
    const nanos = group && groupNanos(group);
    if (group === undefined || nanos === undefined) return undefined;
    total += nanos;
    if (total > MAX_MAGNITUDE) return undefined;
    rest = group.rest;
  }
  if (!negative && total > MAX_UINT63) return undefined;
  return Number(negative ? -total : total);
}

/** Go `fmtFrac`: `.ddd` of v / 10^precision without trailing zeros (nothing when zero), and the integer quotient. */
function fraction(v: bigint, precision: number): { text: string; quotient: bigint } {
  const divisor = 10n ** BigInt(precision);
  const digits = (v % divisor).toString().padStart(precision, '0').replace(/0+$/, '');
  return { text: digits === '' ? '' : '.' + digits, quotient: v / divisor };
}

/** Go `Duration.String()` of a magnitude below one second: `1.5µs`, `500ms`, `3ns`. */
function formatSubSecond(u: bigint): string {
  if (u < US) return `${u}ns`;
  if (u < MS) {
    const f = fraction(u, 3);
    return `${f.quotient}${f.text}\u00b5s`;
  }
  const f = fraction(u, 6);
  return `${f.quotient}${f.text}ms`;
}

/** Go `Duration.String()` of a magnitude of one second or more: `1h0m0s`, `1m40s`, `2.5s`. */
function formatSeconds(u: bigint): string {
  const f = fraction(u, 9);
  const seconds = `${f.quotient % 60n}${f.text}s`;
  const minutes = f.quotient / 60n;
  if (minutes === 0n) return seconds;
  const hours = minutes / 60n;
  const hm = hours === 0n ? `${minutes}m` : `${hours}h${minutes % 60n}m`;
  return hm + seconds;
}

/** Go `time.Duration.String()` of `ns` nanoseconds (truncated to an integer): `1h0m0s`, `500ms`, `0s`, `-1s`. */
export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) throw new RangeError(`duration out of range: ${ns}`);
  const d = BigInt(Math.trunc(ns));
  if (d === 0n) return '0s';
  const u = d < 0n ? -d : d;
  const text = u < SECOND ? formatSubSecond(u) : formatSeconds(u);
  return d < 0n ? '-' + text : text;
}
