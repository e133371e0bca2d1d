import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../json.js';
import { compareByCodePoint } from '../../primitives/go-json.js';
import { ownList, ownMap, sortedBase, sortKeysInGoOrder, type Owned } from './merge-owned.js';

describe('sortKeysInGoOrder', () => {
  // UTF-16 order and code point order differ where a surrogate pair meets a character from U+E000 up.
  const keys = [
    '',
    'a',
    'ab',
    'b',
    'B',
    'é',
    '\ud7ff',
    '\ue000',
    '\uffff',
    '😀',
    '😀a',
    '\ud800',
    '\udfff',
    'a\ue000',
    'a😀',
  ];
  it.each(keys.flatMap((a) => keys.filter((b) => b !== a).map((b) => [a, b])))('%j, %j as Go sorts them', (a, b) => {
    expect(sortKeysInGoOrder([a, b])).toEqual([a, b].sort(compareByCodePoint));
  });
  it('sorts a whole list', () => {
    expect(sortKeysInGoOrder([...keys].reverse())).toEqual([...keys].sort(compareByCodePoint));
  });
});

describe('sortedBase', () => {
  const cases: { name: string; input: JsonValue; keys: string[][]; shared: string[] }[] = [
    {
      name: 'sorted map is shared whole',
      input: { a: { x: 1, y: 2 }, b: [1] },
      keys: [['a', 'b']],
      shared: ['', 'a', 'b'],
    },
    {
      name: 'unsorted map is copied, sorted children shared',
      input: { b: { x: 1 }, a: { y: 2 } },
      keys: [['a', 'b']],
      shared: ['a', 'b'],
    },
    {
      name: 'an unsorted grandchild copies the path to it',
      input: { a: { m: { z: 1, y: 2 } }, b: { q: 1 } },
      keys: [['a', 'b'], ['m'], ['y', 'z']],
      shared: ['b'],
    },
    {
      name: 'list elements are sorted where needed',
      input: { l: [{ b: 1, a: 2 }, { a: 1 }] },
      keys: [['l']],
      shared: ['l.1'],
    },
  ];
  const at = (v: JsonValue, path: string): JsonValue =>
    path === '' ? v : path.split('.').reduce<JsonValue>((n, k) => (n as Record<string, JsonValue>)[k], v);

  it.each(cases)('$name', ({ input, keys, shared }) => {
    const before = JSON.stringify(input);
    const out = sortedBase(input);
    expect(out).toEqual(input);
    expect(JSON.stringify(input)).toBe(before);
    let node = out;
    for (const k of keys) {
      expect(Object.keys(node as object)).toEqual(k);
      node = (node as Record<string, JsonValue>)[k[0]];
    }
    for (const path of shared) expect(at(out, path)).toBe(at(input, path));
    if (!shared.includes('')) expect(out).not.toBe(input);
  });
});

describe('ownMap and ownList', () => {
  it('copy a node once, keeping key order, and own the elements of a list', () => {
    const owned: Owned = new Set();
    const map = { b: 1, a: { c: 2 } };
    const copy = ownMap(map, owned);
    expect(copy).not.toBe(map);
    expect(Object.keys(copy)).toEqual(['b', 'a']);
    expect(copy.a).toBe(map.a);
    expect(ownMap(copy, owned)).toBe(copy);
    const list: JsonValue[] = [{ name: 'a' }, [{ x: 1 }], 'x'];
    const owns = ownList(list, owned);
    expect(owns).toEqual(list);
    expect(owns[0]).not.toBe(list[0]);
    expect((owns[1] as JsonValue[])[0]).not.toBe((list[1] as JsonValue[])[0]);
    expect(owns.every((e) => typeof e !== 'object' || owned.has(e as object))).toBe(true);
    expect(ownList(owns, owned)).toBe(owns);
  });
});
