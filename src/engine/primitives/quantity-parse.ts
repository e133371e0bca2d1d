// Kyverno: spec §0.3 — port of Kubernetes `resource.ParseQuantity`, including its canonical-text cache.
import { boundedMemo } from './bounded-memo.js';
import { MAX_EXPANSION_DIGITS, abs, compareScaled, pow10 } from './decimal.js';
import { makeQuantity, type Quantity, type QuantityFormat } from './quantity-model.js';

const DECIMAL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['', 0],
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);
const BINARY_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
]);

const NANO_SCALE = 9;
const MAX_INT64 = (1n << 63n) - 1n;
const MAX_INT64_DIGITS = 18; // Kubernetes maxInt64Factors

/** The pieces Kubernetes' parseQuantityString finds: sign, numeric text, integer/fraction digits, suffix. */
interface ScannedQuantity {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** Index of the first character at or after `from` that is not in `allowed`. */
function skip(s: string, from: number, allowed: RegExp): number {
  let i = from;
  while (i < s.length && allowed.test(s[i])) i++;
  return i;
}

/** Port of parseQuantityString: `[+-]` zeros digits [`.` digits] suffix-letters [`+-`] digits, nothing else. */
function scanQuantity(str: string): ScannedQuantity | undefined {
  const positive = str[0] !== '-';
  const start = str[0] === '-' || str[0] === '+' ? 1 : 0;
  const afterZeros = skip(str, start, /0/);
  // Kubernetes: a string of only a sign and zeros is zero, whatever follows is never looked at.
  if (afterZeros >= str.length) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  const numEnd = skip(str, afterZeros, /[0-9]/);
  const num = str.slice(afterZeros, numEnd) || '0';
  if (numEnd >= str.length) return { positive, value: str, num, denom: '', suffix: '' };
  let pos = numEnd;
  let denom = '';
  if (str[pos] === '.') {
    const denomEnd = skip(str, pos + 1, /[0-9]/);
    denom = str.slice(pos + 1, denomEnd);
    if (denomEnd >= str.length) return { positive, value: str, num, denom, suffix: '' };
    pos = denomEnd;
  }
  const value = str.slice(0, pos);
  let i = skip(str, pos, /[eEinumkKMGTP]/);
  if (i < str.length && (str[i] === '-' || str[i] === '+')) i++;
  i = skip(str, i, /[0-9]/);
  return i >= str.length ? { positive, value, num, denom, suffix: str.slice(pos) } : undefined;
}

/** What a suffix means: base, power of that base, and the print format it implies. */
interface SuffixMeaning {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

/** Port of the suffixer's interpret: SI tables first, then `e<int>`/`E<int>` (int64, truncated to int32 as Go does). */
function interpretSuffix(suffix: string): SuffixMeaning | undefined {
  const dec = DECIMAL_SUFFIXES.get(suffix);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES.get(suffix);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length < 2 || (suffix[0] !== 'e' && suffix[0] !== 'E') || !/^[+-]?[0-9]+$/.test(suffix.slice(1)))
    return undefined;
  const parsed = BigInt(suffix.slice(1));
  if (parsed > MAX_INT64 || parsed < -MAX_INT64 - 1n) return undefined;
  return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
}

/** Kubernetes' int64 fast path; undefined when it does not apply and the inf.Dec path must be taken. */
function parseFast(str: string, s: ScannedQuantity, m: SuffixMeaning): Quantity | undefined {
  let scale = 0;
  let mantissa = 1n;
  let precision: number;
  if (m.base === 10) {
    scale = m.exponent;
    precision = MAX_INT64_DIGITS - (s.num.length + s.denom.length);
  } else if (s.denom.length === 0) {
    mantissa = 1n << BigInt(m.exponent);
    precision = 15 - s.num.length - Math.trunc((m.exponent * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision < 0) return undefined;
  scale -= s.denom.length;
  if (scale < -NANO_SCALE) return undefined;
  const shifted = s.num + s.denom;
  const value = BigInt(shifted);
  const magnitude = value * mantissa;
  if (magnitude > MAX_INT64) return undefined;
  // Kubernetes keeps the input text when it is already canonical (so `+1k` or `1E3` print back as written).
  const canonical =
    m.base === 2
      ? m.exponent % 10 === 0 && (value & 7n) !== 0n
      : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  return makeQuantity(s.positive ? magnitude : -magnitude, -scale, m.format, canonical ? str : undefined);
}

/** Parses `[+-]digits[.digits]` like inf.Dec SetString: unscaled digits and fraction length. */
function decimalOf(value: string): { unscaled: bigint; scale: number } | undefined {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(value);
  if (!m || m[2] + (m[3] ?? '') === '') return undefined;
  const digits = BigInt(m[2] + (m[3] ?? ''));
  return { unscaled: m[1] === '-' ? -digits : digits, scale: (m[3] ?? '').length };
}

/** Kubernetes rounds any non-zero magnitude up (away from zero) to nano precision. */
function roundUpToNano(magnitude: bigint, scale: number): bigint | undefined {
  if (scale <= NANO_SCALE) {
    return NANO_SCALE - scale > MAX_EXPANSION_DIGITS ? undefined : magnitude * pow10(NANO_SCALE - scale);
  }
  // Anything with fewer digits than the dropped places is a positive amount below 1n.
  if (scale - NANO_SCALE > magnitude.toString().length) return 1n;
  const divisor = pow10(scale - NANO_SCALE);
  const q = magnitude / divisor;
  return magnitude % divisor === 0n ? q : q + 1n;
}

/** Kubernetes' inf.Dec path: exact value, rounded up to nano, BinarySI capped at 2^63-1. */
function parseSlow(s: ScannedQuantity, m: SuffixMeaning): Quantity | undefined {
  const dec = decimalOf(s.value);
  if (dec === undefined) return undefined;
  let scale = dec.scale;
  let magnitude = abs(dec.unscaled);
  if (m.base === 10) scale -= m.exponent;
  else magnitude <<= BigInt(m.exponent);
  let format = m.format;
  if (magnitude !== 0n) {
    const rounded = roundUpToNano(magnitude, scale);
    if (rounded === undefined) return undefined; // Go would try to allocate a number with billions of digits.
    magnitude = rounded;
    scale = NANO_SCALE;
  }
  if (format === 'BinarySI' && compareScaled(magnitude, scale, MAX_INT64, 0) > 0) {
    magnitude = MAX_INT64;
    scale = 0;
  }
  // Kubernetes: a binary quantity strictly between 0 and 1 is switched to DecimalSI.
  if (format === 'BinarySI' && magnitude !== 0n && compareScaled(magnitude, scale, 1n, 0) < 0) format = 'DecimalSI';
  return makeQuantity(dec.unscaled < 0n ? -magnitude : magnitude, scale, format);
}

/**
 * Kubernetes `resource.ParseQuantity`: undefined when `s` is not a quantity (`""`, `"abc"`, `"1 Gi"`, `"1.5.3"`).
 * Operators try every string they compare as a quantity, and the same texts recur from request to request, so
 * the answers are remembered (quantities are never modified).
 */
export const parseQuantity: (s: string) => Quantity | undefined = boundedMemo(4096, readQuantity);

function readQuantity(s: string): Quantity | undefined {
  if (s === '') return undefined;
  if (s === '0') return makeQuantity(0n, 0, 'DecimalSI', '0');
  const scanned = scanQuantity(s);
  if (scanned === undefined) return undefined;
  const meaning = interpretSuffix(scanned.suffix);
  if (meaning === undefined) return undefined;
  return parseFast(s, scanned, meaning) ?? parseSlow(scanned, meaning);
}
