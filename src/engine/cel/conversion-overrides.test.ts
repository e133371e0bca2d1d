import { describe, expect, it } from 'vitest';
import { isStrictRfc3339, parseGoFloat, parseGoInt, parseGoUint } from './conversion-overrides.js';

// Go's strconv results (undefined: the parse fails, which cel-go reports as a type conversion error).
describe('Go strconv parsing', () => {
  it.each([
    ['', undefined],
    ['42', 42n],
    ['+42', 42n],
    ['-0', 0n],
    ['007', 7n],
    [' 1', undefined],
    ['1_000', undefined],
    ['0x1F', undefined],
    ['9223372036854775807', 9223372036854775807n],
    ['9223372036854775808', undefined],
    ['-9223372036854775808', -9223372036854775808n],
  ])('ParseInt(%j)', (s, n) => {
    expect(parseGoInt(s)).toBe(n);
  });

  it.each([
    ['', undefined],
    ['42', 42n],
    ['+42', undefined],
    ['-0', undefined],
    ['18446744073709551615', 18446744073709551615n],
    ['18446744073709551616', undefined],
  ])('ParseUint(%j)', (s, n) => {
    expect(parseGoUint(s)).toBe(n);
  });

  it.each([
    ['', undefined],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['5.', 5],
    ['+.5e1', 5],
    ['1e3', 1000],
    ['1_000.5', 1000.5],
    ['1e1_0', 1e10],
    ['_1', undefined],
    ['1__0', undefined],
    ['1_', undefined],
    ['.', undefined],
    ['e5', undefined],
    ['1e', undefined],
    ['0x1F', undefined],
    ['0x1p-2', 0.25],
    ['0x1.8p1', 3],
    ['-0X_1P0', -1],
    ['0x', undefined],
    ['0b101', undefined],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['+nan', undefined],
    ['1e400', undefined],
    ['1e-400', 0],
    [' 1', undefined],
  ])('ParseFloat(%j)', (s, n) => {
    expect(parseGoFloat(s)).toBe(n);
  });

  it('ParseFloat("NaN") is NaN', () => {
    expect(parseGoFloat('NaN')).toBeNaN();
  });
});

describe('isStrictRfc3339', () => {
  it.each([
    ['2020-01-01T00:00:00Z', true],
    ['2020-01-01t00:00:00.123456789z', true],
    ['2020-01-01T00:00:00+23:59', true],
    ['2020-02-30T00:00:00Z', true],
    ['2020-12-31T23:59:60Z', true],
    ['2020-01-01 00:00:00Z', false],
    ['2020-13-01T00:00:00Z', false],
    ['2020-01-01T24:00:00Z', false],
    ['2020-01-01T00:00:00.Z', false],
    ['2020-01-01T00:00:00+0100', false],
    ['2020-01-01T00:00:00', false],
  ])('%s', (s, strict) => {
    expect(isStrictRfc3339(s)).toBe(strict);
  });
});
