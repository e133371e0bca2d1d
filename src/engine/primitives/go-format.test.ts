import { describe, expect, it } from 'vitest';
import { formatGoE, formatGoFixed, formatGoFloat32, formatGoV, goJsonStringify } from './go-format.js';
import { compareByCodePoint, formatGoJsonNumber } from './go-json.js';

describe('formatGoV (Go %v of a float64)', () => {
  it.each([
    [100000, '100000'],
    [1e6, '1e+06'],
    [5e6, '5e+06'],
    [12345678, '1.2345678e+07'],
    [123456, '123456'],
    [0.00012, '0.00012'],
    [0.0001, '0.0001'],
    [1e-5, '1e-05'],
    [2.5, '2.5'],
    [-1.5, '-1.5'],
    [0, '0'],
    [-0, '-0'],
    [1e21, '1e+21'],
    [1e100, '1e+100'],
    [1.5e-300, '1.5e-300'],
    [0.1 + 0.2, '0.30000000000000004'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('%s → %s', (n, want) => {
    expect(formatGoV(n)).toBe(want);
  });
});

describe("formatGoE (strconv 'E', shortest)", () => {
  it.each([
    [3, '3E+00'],
    [100, '1E+02'],
    [2.5, '2.5E+00'],
    [1000, '1E+03'],
    [-12.5, '-1.25E+01'],
    [1e-7, '1E-07'],
    [1e100, '1E+100'],
    [0, '0E+00'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
  ])('%s → %s', (n, want) => {
    expect(formatGoE(n)).toBe(want);
  });
});

describe("formatGoFloat32 (strconv 'f', -1, 32)", () => {
  it.each([
    [10, '10'],
    [1.5, '1.5'],
    [0.1, '0.1'],
    [1.2, '1.2'],
    [-2.5, '-2.5'],
    [0, '0'],
    [16777217, '16777216'], // not representable in float32
    [123456789, '123456790'],
    [1e21, '1000000000000000000000'],
    [1e-10, '0.0000000001'],
    [3.4e39, '+Inf'], // float32 overflow
    [NaN, 'NaN'],
  ])('%s → %s', (n, want) => {
    expect(formatGoFloat32(n)).toBe(want);
  });
});

describe("formatGoFixed (strconv 'f', -1, 64)", () => {
  it.each([
    [16777217, '16777217'],
    [1.0000000000000002, '1.0000000000000002'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [-3, '-3'],
  ])('%s → %s', (n, want) => {
    expect(formatGoFixed(n)).toBe(want);
  });
});

describe('formatGoJsonNumber', () => {
  it.each([
    [3, '3'],
    [2.5, '2.5'],
    [1e21, '1e+21'],
    [1.5e300, '1.5e+300'],
    [1e-6, '0.000001'],
    [1e-7, '1e-7'],
    [-1.5e-10, '-1.5e-10'],
    [123456789012345680000, '123456789012345680000'],
    [-0, '-0'],
  ])('%s → %s', (n, want) => {
    expect(formatGoJsonNumber(n)).toBe(want);
  });

  it.each([NaN, Infinity, -Infinity])('rejects %s like Go', (n) => {
    expect(() => formatGoJsonNumber(n)).toThrow(RangeError);
  });
});

describe('goJsonStringify (encoding/json.Marshal)', () => {
  it.each([
    [null, 'null'],
    [true, 'true'],
    [[], '[]'],
    [{}, '{}'],
    [{ b: 2, a: 1 }, '{"a":1,"b":2}'],
    [{ z: [1e21, 1e-7, 2.5], a: { d: null, c: false } }, '{"a":{"c":false,"d":null},"z":[1e+21,1e-7,2.5]}'],
    ['<a&b>', '"\\u003ca\\u0026b\\u003e"'],
    ['quote " backslash \\', '"quote \\" backslash \\\\"'],
    ['\n\r\t\b\f', '"\\n\\r\\t\\b\\f"'],
    ['\u0001\u001f', '"\\u0001\\u001f"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['\u007f é 😀', '"\u007f é 😀"'],
    ['\ud800', '"\\ufffd"'],
  ])('%j → %s', (v, want) => {
    expect(goJsonStringify(v)).toBe(want);
  });

  it('sorts keys by UTF-8 byte order, not UTF-16 code units', () => {
    expect(goJsonStringify({ '😀': 1, '\uffff': 2, B: 3, a: 4 })).toBe('{"B":3,"a":4,"\uffff":2,"😀":1}');
  });
});

describe('compareByCodePoint', () => {
  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['a', 'ab', -1],
    ['\uffff', '😀', -1],
    ['Z', 'a', -1],
  ])('%s vs %s', (a, b, want) => {
    expect(Math.sign(compareByCodePoint(a, b))).toBe(want);
  });
});
