import { describe, expect, it } from 'vitest';
import { codeFrame } from './code-frame.js';

const TEXT = ['a: 1', 'b:', '  c: 2', '  d: 3', 'e: 4', 'f: 5'].join('\n');

describe('codeFrame', () => {
  it.each([
    [
      'a middle line with a column',
      4,
      3,
      ['  2 | b:', '  3 |   c: 2', '> 4 |   d: 3', '    |   ^', '  5 | e: 4', '  6 | f: 5'],
    ],
    ['the first line, context clipped', 1, undefined, ['> 1 | a: 1', '  2 | b:', '  3 |   c: 2']],
    ['the last line', 6, 1, ['  4 |   d: 3', '  5 | e: 4', '> 6 | f: 5', '    | ^']],
    ['a line past the end', 7, undefined, []],
    ['line 0 (unknown)', 0, undefined, []],
  ])('frames %s', (_name, line, column, expected) => {
    expect(codeFrame(TEXT, line, column)).toEqual(expected);
  });

  it('widens the gutter for two-digit line numbers', () => {
    const text = Array.from({ length: 12 }, (_, i) => `k${i + 1}: v`).join('\n');
    expect(codeFrame(text, 9)).toEqual([
      '   7 | k7: v',
      '   8 | k8: v',
      '>  9 | k9: v',
      '  10 | k10: v',
      '  11 | k11: v',
    ]);
  });

  it('keeps tabs before the caret and reads CRLF text', () => {
    expect(codeFrame('x\r\n\tkey: v\r\n', 2, 2)).toEqual(['  1 | x', '> 2 | \tkey: v', '    | \t^', '  3 |']);
  });

  it('styles the marker and gutter', () => {
    const style = { gutter: (s: string) => `<${s}>`, marker: (s: string) => `*${s}*` };
    expect(codeFrame('a\nb', 2, 1, style)).toEqual(['  <1 |> a', '*>* <2 |> b', '  <  |> *^*']);
  });
});
