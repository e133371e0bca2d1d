import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../json.js';
import { nodeText } from './node-text.js';

// Every `want` was printed by Kyverno v1.19.1's CLI in a "wrong node kind" error for the same node.
const long = 'x'.repeat(100);
const cases: { name: string; node: JsonValue; want: string; sortKeys?: boolean }[] = [
  {
    name: 'nested flow maps',
    node: { securityContext: { fsGroup: 2000, runAsGroup: 3000, runAsNonRoot: true, runAsUser: 1000 } },
    want: '{"securityContext": {"fsGroup": 2000, "runAsGroup": 3000, "runAsNonRoot": true, "runAsUser": 1000}}\n',
  },
  { name: 'lists', node: [[1, 2], [], ['a', 'b c']], want: '[[1, 2], [], ["a", "b c"]]\n' },
  {
    name: 'map of lists',
    node: { a: { b: { c: [1, 2, { d: 'e' }] } }, z: [] },
    want: '{"a": {"b": {"c": [1, 2, {"d": "e"}]}}, "z": []}\n',
  },
  { name: 'scalar string', node: 'abc', want: '"abc"\n' },
  { name: 'empty string', node: '', want: '""\n' },
  { name: 'number', node: 5, want: '5\n' },
  { name: 'boolean', node: true, want: 'true\n' },
  {
    name: 'numbers as Go writes them',
    node: { a: 1.5, b: 1e21, d: Number('12345678901234567890'), e: 0.000001, f: 1e-7, i: -12, j: 1e20 },
    want: '{"a": 1.5, "b": 1e+21, "d": 12345678901234567000, "e": 0.000001, "f": 1e-7, "i": -12, "j": 100000000000000000000}\n',
  },
  {
    name: 'strings keep their quotes, escapes only for quote, backslash and controls',
    node: {
      amp: '<a&b>',
      bs: 'back\\slash',
      colon: ': x',
      nl: 'nl\nx',
      q: 'a"b',
      sp: ' lead',
      tab: 'tab\there',
      yes: 'yes',
    },
    want: '{"amp": "<a&b>", "bs": "back\\\\slash", "colon": ": x", "nl": "nl\\nx", "q": "a\\"b", "sp": " lead", "tab": "tab\\there", "yes": "yes"}\n',
  },
  {
    name: 'short escapes',
    node: { nul: '\u0000', bell: '\u0007', esc: '\u001b', cr: 'a\rb', ls: '\u2028', ps: '\u2029', c1: '\u0001' },
    want: '{"nul": "\\0", "bell": "\\a", "esc": "\\e", "cr": "a\\rb", "ls": "\\L", "ps": "\\P", "c1": "\\x01"}\n',
  },
  {
    name: 'printable non-ASCII stays, astral characters are escaped',
    node: {
      e: 'é',
      j: '日本語',
      nbsp: '\u00a0',
      d7ff: '\ud7ff',
      e000: '\ue000',
      fffd: '\ufffd',
      emoji: '😀 x',
      '𐀀k': '𐀀',
    },
    want: '{"e": "é", "j": "日本語", "nbsp": "\u00a0", "d7ff": "\ud7ff", "e000": "\ue000", "fffd": "\ufffd", "emoji": "\\U0001F600 x", "\\U00010000k": "\\U00010000"}\n',
  },
  { name: 'a BOM inside a string', node: { a: 'a\ufeffb' }, want: '{"a": "a\\uFEFFb"}\n' },
  {
    name: 'a leading BOM escapes the whole string',
    node: { b: '\ufeffab c' },
    want: '{"b": "\\uFEFF\\x61\\x62\\x20\\x63"}\n',
  },
  {
    name: 'no line wrapping',
    node: { a: long, b: [long, long] },
    want: `{"a": "${long}", "b": ["${long}", "${long}"]}\n`,
  },
  {
    name: 'keys over 128 bytes or with a line break are explicit',
    node: { ['k'.repeat(128)]: 2, ['k'.repeat(129)]: 1, ['é'.repeat(65)]: 3, '': 2, 'a\nb': 1, 'tab\tkey': 4 },
    want:
      `{"${'k'.repeat(128)}": 2, ? "${'k'.repeat(129)}" : 1, ? "${'é'.repeat(65)}" : 3, ` +
      '"": 2, ? "a\\nb" : 1, "tab\\tkey": 4}\n',
  },
  { name: 'keys in the given order', node: { b: 1, a: 2 }, want: '{"b": 1, "a": 2}\n' },
  {
    name: 'resource keys in Go order',
    node: { zeta: 1, alpha: { b: 2, a: '1' } },
    sortKeys: true,
    want: '{"alpha": {"a": "1", "b": 2}, "zeta": 1}\n',
  },
];

describe('nodeText', () => {
  it.each(cases)('$name', ({ node, want, sortKeys }) => {
    expect(nodeText(node, { sortKeys })).toBe(want);
  });
});
