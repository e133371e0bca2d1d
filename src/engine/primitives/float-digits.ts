// Shortest round-trip decimal digits of a double (or float32), the raw material of Go's strconv formats.

/** Decimal digits `d1d2…dn` (no leading/trailing zeros) and the power of ten of the first digit. */
export interface DecimalDigits {
  digits: string;
  exponent: number;
}

/** Shortest digits that round-trip to the finite, non-zero double `|x|` (ECMAScript and Go agree on them). */
export function shortestDigits(x: number): DecimalDigits {
  return digitsOfDecimalString(String(Math.abs(x)));
}

/** Shortest digits that round-trip to `|x|` as a float32 (Go `FormatFloat(x, …, -1, 32)`); x must be a finite, non-zero float32. */
export function shortestFloat32Digits(x: number): DecimalDigits {
  const abs = Math.abs(x);
  for (let precision = 1; precision < 17; precision++) {
    const candidate = abs.toPrecision(precision);
    if (Math.fround(Number(candidate)) === abs) return digitsOfDecimalString(candidate);
  }
  return shortestDigits(abs);
}

/** Splits a JS decimal rendering (`123.4`, `0.001`, `1e+21`, `1.5e-7`) into digits and exponent. */
function digitsOfDecimalString(s: string): DecimalDigits {
  const [mantissa, exp = '0'] = s.split('e');
  const [intPart, fracPart = ''] = mantissa.split('.');
  let digits = intPart + fracPart;
  let exponent = Number(exp) + intPart.length - 1;
  const leading = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leading).replace(/0+$/, '');
  exponent -= leading;
  return { digits: digits === '' ? '0' : digits, exponent };
}

/** Go `%f` with shortest precision: plain decimal notation of the digits, never an exponent. */
export function fixedNotation({ digits, exponent }: DecimalDigits): string {
  if (exponent < 0) return '0.' + '0'.repeat(-exponent - 1) + digits;
  if (exponent >= digits.length - 1) return digits + '0'.repeat(exponent - digits.length + 1);
  return digits.slice(0, exponent + 1) + '.' + digits.slice(exponent + 1);
}

/** Go `%e`/`%E` with shortest precision: `d.ddde±XX`, exponent with a sign and at least two digits. */
export function exponentNotation({ digits, exponent }: DecimalDigits, letter: 'e' | 'E'): string {
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}${letter}${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}
