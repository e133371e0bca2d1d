// Kyverno: spec §0.3 — port of Kubernetes `Quantity.String()` (CanonicalizeBytes).
import { abs, compareScaled, pow10, removeFactors } from './decimal.js';
import type { Quantity } from './quantity-model.js';

const DECIMAL_SI: ReadonlyMap<number, string> = new Map([
  [-9, 'n'],
  [-6, 'u'],
  [-3, 'm'],
  [0, ''],
  [3, 'k'],
  [6, 'M'],
  [9, 'G'],
  [12, 'T'],
  [15, 'P'],
  [18, 'E'],
]);
const BINARY_SI = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** The integer value of q when it has no fractional part, else undefined. */
function integerValue(q: Quantity): bigint | undefined {
  if (q.scale <= 0) return q.unscaled * pow10(-q.scale);
  const divisor = pow10(q.scale);
  return q.unscaled % divisor === 0n ? q.unscaled / divisor : undefined;
}

/** BinarySI rendering: the integer with every factor 1024 moved into the suffix (`1536Mi`, `1Gi`). */
function formatBinary(n: bigint): string {
  const { result, times } = removeFactors(n, 1024n);
  // Kubernetes quirk: there is no suffix beyond Ei, and the mantissa is then printed without one.
  return `${result}${BINARY_SI[times] ?? ''}`;
}

/** Mantissa and a power of ten that is a multiple of 3, with the mantissa as small as possible. */
function engineeringForm(q: Quantity): { mantissa: bigint; exponent: number } {
  const { result, times } = removeFactors(q.unscaled, 10n);
  const exponent = times - q.scale;
  const excess = ((exponent % 3) + 3) % 3;
  return { mantissa: result * pow10(excess), exponent: exponent - excess };
}

/** DecimalSI / DecimalExponent rendering (`1500m`, `25k`, `12e6`). */
function formatDecimal(q: Quantity, exponentForm: boolean): string {
  const { mantissa, exponent } = engineeringForm(q);
  const si = DECIMAL_SI.get(exponent);
  // Kubernetes: DecimalSI has no suffix beyond E or below n, so those fall back to exponent notation.
  const suffix = !exponentForm && si !== undefined ? si : exponent === 0 ? '' : `e${exponent}`;
  return `${mantissa}${suffix}`;
}

/** Kubernetes `Quantity.String()`: canonical text in q's format (binary falls back to decimal when inexact or below 1024). */
export function formatQuantity(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  if (q.unscaled === 0n) return '0';
  if (q.format === 'BinarySI' && compareScaled(abs(q.unscaled), q.scale, 1024n, 0) >= 0) {
    const n = integerValue(q);
    if (n !== undefined) return formatBinary(n);
  }
  return formatDecimal(q, q.format === 'DecimalExponent');
}
