import { describe, expect, it } from 'vitest';
import { parseGoFloat } from './go-parse-float.js';

describe('parseGoFloat (Go strconv.ParseFloat)', () => {
  it.each([
    ['1', 1],
    ['1.5', 1.5],
    ['-2', -2],
    ['+3', 3],
    ['1e3', 1000],
    ['1E-2', 0.01],
    ['.5', 0.5],
    ['1.', 1],
    ['007', 7],
    ['inf', Infinity],
    ['+Inf', Infinity],
    ['-Infinity', -Infinity],
    ['0x1p4', 16],
    ['0x1.8p1', 3],
    ['-0x10p0', -16],
    ['1e400', undefined],
    ['abc', undefined],
    ['', undefined],
    ['.', undefined],
    ['1e', undefined],
    ['0x10', undefined],
    ['1_000', undefined],
    [' 1', undefined],
    ['1h', undefined],
    ['1Gi', undefined],
    ['+nan', undefined],
    ['infinit', undefined],
  ])('%j → %s', (s, want) => {
    expect(parseGoFloat(s)).toBe(want);
  });

  it('reads NaN in any letter case', () => {
    expect(parseGoFloat('NaN')).toBeNaN();
    expect(parseGoFloat('nan')).toBeNaN();
  });
});
