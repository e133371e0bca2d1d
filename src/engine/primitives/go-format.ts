// Kyverno: spec §0.4 — the Go number-to-string conversions the engine reproduces.
import { exponentNotation, fixedNotation, shortestDigits, shortestFloat32Digits } from './float-digits.js';

export { goJsonStringify } from './go-json.js';

/** Go's spelling of the non-finite floats and of zero; undefined for any other number. */
function specialFloat(n: number): string | undefined {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  return undefined;
}

/** Applies the sign of `n` to a rendering of its magnitude. */
function signed(n: number, magnitude: string): string {
  return n < 0 ? '-' + magnitude : magnitude;
}

/** Go `%v` (= `%g`, shortest) for a float64: exponent form iff the exponent is < -4 or >= 6. */
export function formatGoV(n: number): string {
  const special = specialFloat(n);
  if (special !== undefined) return special;
  const d = shortestDigits(n);
  // Kyverno: spec §0.4 — Go uses a fixed threshold of 6 for shortest %g, unlike JS (21).
  const text = d.exponent < -4 || d.exponent >= 6 ? exponentNotation(d, 'e') : fixedNotation(d);
  return signed(n, text);
}

/** Go `strconv.FormatFloat(n, 'E', -1, 64)`: shortest mantissa and `E±dd` (`3E+00`, `2.5E+00`). */
export function formatGoE(n: number): string {
  const special = specialFloat(n);
  if (special !== undefined) return special === '0' || special === '-0' ? `${special}E+00` : special;
  return signed(n, exponentNotation(shortestDigits(n), 'E'));
}

/** Go `strconv.FormatFloat(n, 'f', -1, 32)`: n rounded to float32, shortest float32 digits, no exponent. */
export function formatGoFloat32(n: number): string {
  const f32 = Math.fround(n);
  const special = specialFloat(f32);
  if (special !== undefined) return special;
  return signed(f32, fixedNotation(shortestFloat32Digits(f32)));
}

/** Go `strconv.FormatFloat(n, 'f', -1, 64)`: shortest float64 digits in plain decimal notation. */
export function formatGoFixed(n: number): string {
  const special = specialFloat(n);
  if (special !== undefined) return special;
  return signed(n, fixedNotation(shortestDigits(n)));
}
