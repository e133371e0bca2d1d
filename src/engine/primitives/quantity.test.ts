import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  QuantityError,
  addQuantities,
  compareQuantities,
  divideQuantities,
  divideQuantityByNumber,
  formatQuantity,
  isIntegerQuantity,
  moduloQuantities,
  multiplyQuantity,
  parseQuantity,
  quantityToNumber,
  subtractQuantities,
  type Quantity,
} from './quantity.js';

interface ParseCase {
  in: string;
  out: string;
  format: string;
}
interface PairCase {
  a: string;
  b: string;
  out: string | number;
}
interface ScalarCase {
  q: string;
  n: number;
  out: string;
}

const parsing = parse(readFileSync(new URL('./testdata/quantity-parse.yaml', import.meta.url), 'utf8')) as {
  valid: ParseCase[];
  invalid: string[];
};
const arithmetic = parse(readFileSync(new URL('./testdata/quantity-arithmetic.yaml', import.meta.url), 'utf8')) as {
  add: PairCase[];
  subtract: PairCase[];
  multiply: ScalarCase[];
  divideByNumber: ScalarCase[];
  divideQuantities: PairCase[];
  modulo: PairCase[];
};

/** Parses a fixture quantity, failing the test when it does not parse. */
function q(s: string): Quantity {
  const parsed = parseQuantity(s);
  if (parsed === undefined) throw new Error(`fixture ${JSON.stringify(s)} is not a quantity`);
  return parsed;
}

describe('parseQuantity + formatQuantity', () => {
  it.each(parsing.valid)('$in → $out ($format)', (c) => {
    const parsed = q(c.in);
    expect(formatQuantity(parsed)).toBe(c.out);
    expect(parsed.format).toBe(c.format);
  });

  it.each(parsing.invalid)('%j is not a quantity', (s) => {
    expect(parseQuantity(s)).toBeUndefined();
  });

  it('returns immutable values', () => {
    expect(Object.isFrozen(q('1Ki'))).toBe(true);
  });
});

describe('compareQuantities', () => {
  it.each([
    ['1Gi', '1024Mi', 0],
    ['1G', '1Gi', -1],
    ['500m', '1', -1],
    ['-1', '0', -1],
    ['1e3', '1k', 0],
    ['0.5', '500m', 0],
    ['1Ki', '1000', 1],
    ['1n', '0', 1],
    ['-1e100', '-1e99', -1],
    ['1e1000000000', '1E', 1],
    ['1e-3', '1m', 0],
    ['123456789012345678901', '123456789012345678900', 1],
  ])('%s vs %s → %i', (a, b, want) => {
    expect(compareQuantities(q(a), q(b))).toBe(want);
    expect(compareQuantities(q(b), q(a))).toBe(-want || 0);
  });
});

describe('quantity arithmetic (spec §6.7)', () => {
  it.each(arithmetic.add)('add($a, $b) → $out', (c) => {
    expect(formatQuantity(addQuantities(q(c.a), q(c.b)))).toBe(c.out);
  });

  it.each(arithmetic.subtract)('subtract($a, $b) → $out', (c) => {
    expect(formatQuantity(subtractQuantities(q(c.a), q(c.b)))).toBe(c.out);
  });

  it.each(arithmetic.multiply)('multiply($q, $n) → $out', (c) => {
    expect(formatQuantity(multiplyQuantity(q(c.q), c.n))).toBe(c.out);
  });

  it.each(arithmetic.divideByNumber)('divide($q, $n) → $out', (c) => {
    expect(formatQuantity(divideQuantityByNumber(q(c.q), c.n))).toBe(c.out);
  });

  it.each(arithmetic.divideQuantities)('divide($a, $b) → $out', (c) => {
    expect(divideQuantities(q(c.a), q(c.b))).toBe(c.out);
  });

  it.each(arithmetic.modulo)('modulo($a, $b) → $out', (c) => {
    expect(formatQuantity(moduloQuantities(q(c.a), q(c.b)))).toBe(c.out);
  });

  it.each([
    ['zero quantity divisor', () => divideQuantities(q('1'), q('0')), 'zeroDivision'],
    ['zero scalar divisor', () => divideQuantityByNumber(q('1'), 0), 'zeroDivision'],
    ['zero modulo', () => moduloQuantities(q('5'), q('0')), 'zeroDivision'],
    ['fractional modulo', () => moduloQuantities(q('1.5'), q('1')), 'nonInteger'],
    ['fractional modulus', () => moduloQuantities(q('3'), q('500m')), 'nonInteger'],
    ['modulo beyond int64', () => moduloQuantities(q('1e19'), q('3')), 'nonInteger'],
    ['NaN factor', () => multiplyQuantity(q('1'), NaN), 'invalidOperand'],
    ['infinite divisor', () => divideQuantityByNumber(q('1'), Infinity), 'invalidOperand'],
  ])('%s throws QuantityError', (_name, run, kind) => {
    expect(run).toThrow(QuantityError);
    try {
      run();
    } catch (e) {
      expect((e as QuantityError).kind).toBe(kind);
    }
  });

  it('never mutates its operands', () => {
    const a = q('12Ki');
    addQuantities(a, q('13'));
    expect(formatQuantity(a)).toBe('12Ki');
  });
});

describe('quantityToNumber (Kubernetes AsApproximateFloat64)', () => {
  it.each([
    ['1.5', 1.5],
    ['0.3', 0.30000000000000004],
    ['1Ki', 1024],
    ['500m', 0.5],
    ['-2', -2],
    ['1e400', Infinity],
    ['0', 0],
  ])('%s → %s', (s, want) => {
    expect(quantityToNumber(q(s))).toBe(want);
  });
});

describe('isIntegerQuantity', () => {
  it.each([
    ['1.5', false],
    ['1k', true],
    ['1500m', false],
    ['2000m', true],
    ['1.0', true],
    ['1n', false],
    ['1.5Ki', true],
    ['0', true],
  ])('%s → %s', (s, want) => {
    expect(isIntegerQuantity(q(s))).toBe(want);
  });
});
