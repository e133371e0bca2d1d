import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../json.js';
import { formatGoJsonNumber } from '../../primitives/go-json.js';
import { copyNode, scalarText, setOwn } from './kyaml-node.js';

describe('copyNode', () => {
  const cases: { name: string; node: JsonValue }[] = [
    { name: 'scalar', node: 'x' },
    { name: 'null', node: null },
    { name: 'nested map, key order kept', node: { b: { d: [1, { e: null }] }, a: true } },
    { name: 'list of lists', node: [[1], [], [{ x: 'y' }]] },
    { name: 'keys naming Object.prototype members', node: JSON.parse('{"__proto__":{"a":1},"constructor":2}') },
  ];
  it.each(cases)('$name', ({ node }) => {
    const copy = copyNode(node);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(node));
    expect(copy).toEqual(node);
    if (node === null || typeof node !== 'object') return;
    expect(copy).not.toBe(node);
    const shared = (a: JsonValue, b: JsonValue): boolean =>
      a !== null &&
      typeof a === 'object' &&
      (a === b || Object.keys(a).some((k) => shared((a as JsonObject)[k], (b as JsonObject)[k])));
    expect(shared(copy, node)).toBe(false);
  });
});

describe('setOwn', () => {
  it.each(['__proto__', 'constructor', 'toString', 'plain'])('%s becomes an own field at the end', (key) => {
    const obj: JsonObject = { a: 1 };
    setOwn(obj, key, 'v');
    expect(Object.keys(obj)).toEqual(['a', key]);
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(obj, key)).toEqual({
      value: 'v',
      writable: true,
      enumerable: true,
      configurable: true,
    });
  });
});

describe('scalarText of numbers', () => {
  it.each([0, -0, 1, -5, 8080, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1e20, 1e21, 1.5, -0.25, 1e-7])(
    '%d as Go writes it',
    (n) => {
      expect(scalarText(n)).toBe(formatGoJsonNumber(n));
    },
  );
  it('keeps the sign of -0', () => expect(scalarText(-0)).toBe('-0'));
});
