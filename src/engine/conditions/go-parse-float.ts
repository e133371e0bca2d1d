// Go `strconv.ParseFloat(s, 64)`, which Kyverno's Equals/ordering operators use to read numbers from strings.

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

/** Go hexadecimal float (`0x1.8p1`); the mantissa must have a digit and the `p` exponent is mandatory. */
function parseHexFloat(s: string): number | undefined {
  const m = HEX.exec(s);
  if (!m || m[2] + m[3] === '') return undefined;
  const mantissa = parseInt(m[2] + m[3], 16);
  const value = mantissa * 2 ** (Number(m[4]) - 4 * m[3].length);
  return m[1] === '-' ? -value : value;
}

/** Go `strconv.ParseFloat(s, 64)`: the number, or undefined on a syntax or range error (no underscores). */
export function parseGoFloat(s: string): number | undefined {
  if (s.toLowerCase() === 'nan') return NaN;
  const inf = INFINITY.exec(s);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  const value = DECIMAL.test(s) ? Number(s) : parseHexFloat(s);
  // Go reports overflow (a finite literal beyond float64) as ErrRange, which Kyverno treats as "not a number".
  return value === undefined || !Number.isFinite(value) ? undefined : value;
}
