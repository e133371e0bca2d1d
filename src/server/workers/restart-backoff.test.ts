import { describe, expect, it } from 'vitest';
import { restartDelayMs } from './restart-backoff.js';

const NOW = 1_000_000;
const ago = (...seconds: number[]) => seconds.map((s) => NOW - s * 1000);

describe('restartDelayMs', () => {
  it.each([
    ['the first death: 1 s', ago(0), 1000],
    ['a second within the minute: 2 s', ago(30, 0), 2000],
    ['a third: 4 s', ago(50, 30, 0), 4000],
    ['deaths over a minute ago do not count', ago(600, 120, 61, 0), 1000],
    ['never more than 30 s', ago(9, 8, 7, 6, 5, 4, 3, 2, 1, 0), 30_000],
    ['no death at all (never asked, but): 1 s', [], 1000],
  ])('%s', (_case, deaths, want) => {
    expect(restartDelayMs(deaths, NOW)).toBe(want);
  });
});
