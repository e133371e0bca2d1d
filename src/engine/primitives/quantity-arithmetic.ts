// Kyverno: spec §6.7 "Arithmetic" — quantity operations as Kyverno performs them on Kubernetes quantities.
import { divideTruncated, goPow10, rescaleUp } from './decimal.js';
import { formatGoV } from './go-format.js';
import { QuantityError, makeQuantity, type Quantity } from './quantity-model.js';
import { parseQuantity } from './quantity-parse.js';

/**
 * Kubernetes `Quantity.Add`: exact sum; the format is the left operand's unless the left operand is zero.
 * Kyverno prints every arithmetic result and re-parses it before the next operation.
 */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  const format = a.unscaled === 0n ? b.format : a.format;
  if (b.unscaled === 0n) return makeQuantity(a.unscaled, a.scale, format);
  if (a.unscaled === 0n) return makeQuantity(b.unscaled, b.scale, format);
  const scale = Math.max(a.scale, b.scale);
  return makeQuantity(rescaleUp(a.unscaled, a.scale, scale) + rescaleUp(b.unscaled, b.scale, scale), scale, format);
}

/** Kubernetes `Quantity.Sub`: exact difference, same format rule as addQuantities. */
export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return addQuantities(a, makeQuantity(-b.unscaled, b.scale, b.format));
}

/** Kyverno reads a scalar operand as the quantity `fmt.Sprintf("%v", n)` (so it is rounded up to nano precision). */
function scalarAsQuantity(n: number, operation: string): Quantity {
  const q = Number.isFinite(n) ? parseQuantity(formatGoV(n)) : undefined;
  if (q === undefined) throw new QuantityError('invalidOperand', `cannot ${operation} a quantity by ${formatGoV(n)}`);
  return q;
}

/** Kyverno quantity × scalar: exact product in the quantity's format. Throws QuantityError for NaN/Infinity. */
export function multiplyQuantity(q: Quantity, n: number): Quantity {
  const s = scalarAsQuantity(n, 'multiply');
  return makeQuantity(q.unscaled * s.unscaled, q.scale + s.scale, q.format);
}

/** Kyverno quantity ÷ scalar: truncated toward zero at the larger decimal scale of the operands. Throws QuantityError on zero. */
export function divideQuantityByNumber(q: Quantity, n: number): Quantity {
  if (n === 0) throw new QuantityError('zeroDivision', 'division by zero');
  const s = scalarAsQuantity(n, 'divide');
  const scale = Math.max(q.scale, s.scale);
  return makeQuantity(divideTruncated(q.unscaled, q.scale, s.unscaled, s.scale, scale), scale, q.format);
}

/** Kubernetes `AsApproximateFloat64`: unscaled as float64 times Go's `math.Pow10` (so `0.3` gives 0.30000000000000004). */
export function quantityToNumber(q: Quantity): number {
  const base = Number(q.unscaled);
  return q.scale === 0 ? base : base * goPow10(-q.scale);
}

/** Kyverno quantity ÷ quantity: a plain number from the approximate floats. Throws QuantityError on a zero divisor. */
export function divideQuantities(a: Quantity, b: Quantity): number {
  const divisor = quantityToNumber(b);
  if (divisor === 0) throw new QuantityError('zeroDivision', 'division by zero');
  return quantityToNumber(a) / divisor;
}

/** Go `int64(f)` as amd64 evaluates it: out-of-range and NaN give math.MinInt64. */
function goInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= 2 ** 63 || f < -(2 ** 63)) return -(1n << 63n);
  return BigInt(Math.trunc(f));
}

/** Kyverno quantity % quantity: both must be integral int64 values; the remainder has the dividend's sign and a's format. */
export function moduloQuantities(a: Quantity, b: Quantity): Quantity {
  const fa = quantityToNumber(a);
  const fb = quantityToNumber(b);
  const ia = goInt64(fa);
  const ib = goInt64(fb);
  if (fa !== Number(ia) || fb !== Number(ib))
    throw new QuantityError('nonInteger', 'non-integer argument(s) for modulo');
  if (ib === 0n) throw new QuantityError('zeroDivision', 'division by zero');
  return makeQuantity(ia % ib, 0, a.format);
}
