import { describe, expect, it } from 'vitest';
import { isRangeValue, matchesStringPattern, negateRange } from './range-pattern.js';

describe('matchesStringPattern (pattern semantics for set-operator ranges)', () => {
  it.each([
    ['2', '1-3', true],
    ['1', '1-3', true],
    ['3', '1-3', true],
    ['4', '1-3', false],
    ['4', '1!-3', true],
    ['2', '1!-3', false],
    ['0.5', '0-1', true],
    ['90m', '1h-2h', true],
    ['30m', '1h-2h', false],
    ['1536Mi', '1Gi-2Gi', true],
    ['3Gi', '1Gi-2Gi', false],
    ['-2', '-3--1', true],
    ['x', '1-3', false],
    ['1-3', '1-3', true],
    ['5', '>3', true],
    ['5', '<3', false],
    ['5', '>=5', true],
    ['5', '<=4', false],
    ['5', '> 3', true],
    ['a', 'a|b', true],
    ['c', 'a | b', false],
    ['b', 'a | b', true],
    ['5', '>3&<10', true],
    ['5', '>3 & <4', false],
    ['nginx', '!*:latest', true],
    ['nginx:latest', '!*:latest', false],
    ['abc', '>a', false],
    ['30m', '<1h', true],
    ['0.5', '500m', true],
    ['x', '?', true],
    ['', '?*', false],
  ])('%j against %j → %s', (value, pattern, want) => {
    expect(matchesStringPattern(value, pattern)).toBe(want);
  });

  it.each([
    ['1-3', true],
    ['1h-2h', true],
    ['1.5-2.5', true],
    ['-1-1', true],
    ['+1-2', true],
    ['1Gi-2Gi', true],
    ['a-b', false],
    ['1h30m-2h', false],
    ['1!-3', false],
    ['!1-3', false],
    ['>1-3', false],
    ['1-', false],
    ['-', false],
  ])('isRangeValue(%j) → %s', (value, want) => {
    expect(isRangeValue(value)).toBe(want);
  });

  it.each([
    ['1-3', '1!-3'],
    ['-3--1', '!-3--1'],
  ])('negateRange(%j) → %j', (value, want) => {
    expect(negateRange(value)).toBe(want);
  });
});
