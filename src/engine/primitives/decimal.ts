// Exact scaled-decimal helpers on bigint (value = unscaled × 10^-scale, the gopkg.in/inf.v0 convention).

/** Largest decimal exponent gap we are willing to expand into digits (Go would exhaust memory long before). */
export const MAX_EXPANSION_DIGITS = 100_000;

const POW10_CACHE: bigint[] = [1n];

/** 10^n as a bigint (n >= 0). */
export function pow10(n: number): bigint {
  if (n < 0 || !Number.isInteger(n)) throw new RangeError(`pow10: invalid exponent ${n}`);
  if (n > MAX_EXPANSION_DIGITS) throw new RangeError(`decimal exponent too large to expand: ${n}`);
  while (POW10_CACHE.length <= Math.min(n, 64)) POW10_CACHE.push(POW10_CACHE[POW10_CACHE.length - 1] * 10n);
  return n < POW10_CACHE.length ? POW10_CACHE[n] : 10n ** BigInt(n);
}

/** |x| as a bigint. */
export function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

/** Sign of x as -1, 0 or 1. */
export function sign(x: bigint): -1 | 0 | 1 {
  return x === 0n ? 0 : x < 0n ? -1 : 1;
}

/** Number of decimal digits of |x| (1 for zero). */
export function digitCount(x: bigint): number {
  return abs(x).toString().length;
}

/** Divides out every factor `base` of x: x = result × base^times, result not divisible by base (x ≠ 0). */
export function removeFactors(x: bigint, base: bigint): { result: bigint; times: number } {
  let result = x;
  let times = 0;
  while (result !== 0n && result % base === 0n) {
    result /= base;
    times++;
  }
  return { result, times };
}

/** Re-expresses `unscaled × 10^-scale` at a larger (or equal) scale without loss. */
export function rescaleUp(unscaled: bigint, scale: number, target: number): bigint {
  return unscaled * pow10(target - scale);
}

/** Exact comparison of a = ua × 10^-sa and b = ub × 10^-sb. */
export function compareScaled(ua: bigint, sa: number, ub: bigint, sb: number): -1 | 0 | 1 {
  const sa0 = sign(ua);
  const sb0 = sign(ub);
  if (sa0 !== sb0 || sa0 === 0) return sa0 > sb0 ? 1 : sa0 < sb0 ? -1 : 0;
  // Compare magnitudes by order first so that wildly different exponents never get expanded.
  const ma = digitCount(ua) - sa;
  const mb = digitCount(ub) - sb;
  if (ma !== mb) return ((ma > mb ? 1 : -1) * sa0) as -1 | 1;
  const scale = Math.max(sa, sb);
  const a = rescaleUp(ua, sa, scale);
  const b = rescaleUp(ub, sb, scale);
  return a === b ? 0 : a > b ? 1 : -1;
}

/** inf.Dec QuoRound with RoundDown: (ua × 10^-sa) / (ub × 10^-sb) truncated toward zero at `scale`. */
export function divideTruncated(ua: bigint, sa: number, ub: bigint, sb: number, scale: number): bigint {
  // result × 10^-scale ≈ ua × 10^(scale - sa + sb) / ub
  const shift = scale - sa + sb;
  return shift >= 0 ? (ua * pow10(shift)) / ub : ua / (ub * pow10(-shift));
}

const POW10_TABLE = Array.from({ length: 32 }, (_, i) => Number(`1e${i}`));
const POW10_POS32 = Array.from({ length: 10 }, (_, i) => Number(`1e${i * 32}`));
const POW10_NEG32 = Array.from({ length: 11 }, (_, i) => Number(`1e-${i * 32}`));

/** Go `math.Pow10(n)`, computed with Go's tables so that the rounding is identical. */
export function goPow10(n: number): number {
  if (n >= 0 && n <= 308) return POW10_POS32[Math.floor(n / 32)] * POW10_TABLE[n % 32];
  if (n < 0 && n >= -323) return POW10_NEG32[Math.floor(-n / 32)] / POW10_TABLE[-n % 32];
  return n > 0 ? Infinity : 0;
}
