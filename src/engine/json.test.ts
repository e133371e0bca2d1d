import { describe, expect, it } from 'vitest';
import { copyObject, type JsonObject } from './json.js';

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
