import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

const S = 1e9;

describe('parseDuration (Go time.ParseDuration)', () => {
  it.each([
    ['0', 0],
    ['-0', 0],
    ['+0', 0],
    ['1ns', 1],
    ['1us', 1000],
    ['1\u00b5s', 1000], // micro sign
    ['1\u03bcs', 1000], // Greek mu
    ['1.5\u00b5s', 1500],
    ['300ms', 0.3 * S],
    ['1s', S],
    ['5m', 300 * S],
    ['1h30m', 5400 * S],
    ['1h0m5s', 3605 * S],
    ['-1.5h', -5400 * S],
    ['+2h', 7200 * S],
    ['1.5h', 5400 * S],
    ['.5s', 0.5 * S],
    ['1.s', S],
    ['0.000000001s', 1],
    ['1.0000000001s', S], // the fraction below a nanosecond is truncated
    ['0.1ns', 0],
    ['2h45m30.5s', (2 * 3600 + 45 * 60 + 30.5) * S],
    ['1m1m', 120 * S],
    ['-9223372036854775808ns', -(2 ** 63)],
    ['9223372036854775807ns', 2 ** 63 - 1],
  ])('%s → %s ns', (s, want) => {
    expect(parseDuration(s)).toBe(want);
  });

  it.each([
    [''],
    ['10'], // a bare number is not a duration
    ['-'],
    ['s'],
    ['.s'],
    ['-.s'],
    ['1d'],
    ['1 h'],
    [' 1h'],
    ['1h '],
    ['1h-1m'],
    ['1H'],
    ['abc'],
    ['9223372036854775808ns'], // overflows int64
    ['3000000h'],
    ['99999999999999999999ns'],
  ])('%j is not a duration', (s) => {
    expect(parseDuration(s)).toBeUndefined();
  });
});

describe('formatDuration (Go Duration.String)', () => {
  it.each([
    [0, '0s'],
    [1, '1ns'],
    [999, '999ns'],
    [1000, '1\u00b5s'],
    [1100, '1.1\u00b5s'],
    [1500, '1.5\u00b5s'],
    [1e6, '1ms'],
    [5e8, '500ms'],
    [999999999, '999.999999ms'],
    [S, '1s'],
    [S + 1, '1.000000001s'],
    [2.5 * S, '2.5s'],
    [61.5 * S, '1m1.5s'],
    [100 * S, '1m40s'],
    [3600 * S, '1h0m0s'],
    [3605 * S, '1h0m5s'],
    [5400 * S, '1h30m0s'],
    [86400 * S, '24h0m0s'],
    [-S, '-1s'],
    [-1500, '-1.5\u00b5s'],
    [1.9, '1ns'], // truncated to whole nanoseconds, like Go's conversion
    [-(2 ** 63), '-2562047h47m16.854775808s'],
  ])('%s ns → %s', (ns, want) => {
    expect(formatDuration(ns)).toBe(want);
  });

  it.each(['1h30m0s', '1m40s', '2.5s', '500ms', '-1s', '1h0m5s'])('round-trips %s', (s) => {
    expect(formatDuration(parseDuration(s) as number)).toBe(s);
  });

  it('rejects non-finite input', () => {
    expect(() => formatDuration(NaN)).toThrow(RangeError);
  });
});
