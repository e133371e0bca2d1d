import { describe, expect, it } from 'vitest';
import { copyObject, deepEqual, getOwn, type JsonObject } from './json.js';

describe('copyObject', () => {
  it.each([
    ['an empty object', '{}'],
    ['keys in their order, integer-like keys first', '{"b": 1, "a": [2], "1": null, "c": {"d": true}}'],
    ['a `__proto__` key, as JSON.parse makes it', '{"__proto__": {"polluted": true}, "x": 1}'],
  ])('copies %s', (_name, text) => {
    const original = JSON.parse(text) as JsonObject;
    const copy = copyObject(original);
    expect(copy).not.toBe(original);
    expect(Object.keys(copy)).toEqual(Object.keys(original));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(original));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('is shallow, and new keys stay on the copy', () => {
    const original: JsonObject = { nested: { a: 1 } };
    const copy = copyObject(original);
    copy.added = 'x';
    expect(copy.nested).toBe(original.nested);
    expect(original).toEqual({ nested: { a: 1 } });
  });
});

describe('getOwn', () => {
  const parsed = JSON.parse('{"__proto__": {"x": 1}, "constructor": "c", "a": null, "b": 0}') as JsonObject;
  it.each([
    ['an own key', parsed, 'a', null],
    ['an own falsy value', parsed, 'b', 0],
    ['a missing key', parsed, 'z', undefined],
    ['an own __proto__ key', parsed, '__proto__', { x: 1 }],
    ['an own constructor key', parsed, 'constructor', 'c'],
    ['an inherited constructor', { a: 1 }, 'constructor', undefined],
    ['an inherited toString', { a: 1 }, 'toString', undefined],
    ['an inherited __proto__', { a: 1 }, '__proto__', undefined],
    ['an inherited hasOwnProperty', {}, 'hasOwnProperty', undefined],
  ] as [string, JsonObject, string, unknown][])('%s', (_, obj, key, want) => {
    expect(getOwn(obj, key)).toEqual(want);
  });
});

describe('deepEqual', () => {
  it.each<[string, string, string, boolean]>([
    ['the same keys in another order', '{"a": 1, "b": [1, {"c": null}]}', '{"b": [1, {"c": null}], "a": 1}', true],
    ['a key missing on the right', '{"a": 1, "b": 2}', '{"a": 1}', false],
    ['a key missing on the left', '{"a": 1}', '{"a": 1, "b": 2}', false],
    ['as many keys, one different', '{"a": 1, "b": 2}', '{"a": 1, "c": 2}', false],
    ['empty objects', '{}', '{}', true],
    ['an empty object and an empty list', '{}', '[]', false],
    ['lists in another order', '[1, 2]', '[2, 1]', false],
    ['a null value and a missing key', '{"a": null}', '{}', false],
    ['`__proto__` keys, as JSON.parse makes them', '{"__proto__": {"x": 1}}', '{"__proto__": {"x": 2}}', false],
  ])('%s', (_name, a, b, want) => {
    expect(deepEqual(JSON.parse(a), JSON.parse(b))).toBe(want);
    expect(deepEqual(JSON.parse(b), JSON.parse(a))).toBe(want);
  });
});
