import { describe, expect, it } from 'vitest';
import { Environment } from '@marcbachmann/cel-js';
import { fromCelValue, toCelValue } from './values.js';

const cel = (expr: string): unknown => new Environment({ enableOptionalTypes: true }).evaluate(expr);

describe('toCelValue', () => {
  it.each([
    [3, {}, 3n],
    [3, { numbersAsDouble: true }, 3],
    [2.5, {}, 2.5],
    [1e20, {}, 1e20],
    [[1, 'a', null], {}, [1n, 'a', null]],
  ])('%j %j', (json, opts, expected) => {
    expect(toCelValue(json, opts)).toEqual(expected);
  });

  it('builds null-prototype maps so __proto__ stays a key', () => {
    const v = toCelValue(JSON.parse('{"__proto__": {"a": 1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBeNull();
    expect(v['__proto__']).toEqual(toCelValue({ a: 1 }));
  });
});

describe('fromCelValue', () => {
  it.each([
    ['1', 1],
    ['1u', 1],
    ['[dyn(1), dyn(2.5)]', [1, 2.5]],
    ['{"a": {"b": [true]}}', { a: { b: [true] } }],
    ['optional.of(2)', 2],
    ['optional.none()', null],
    ["timestamp('2024-01-02T03:04:05Z')", '2024-01-02T03:04:05Z'],
    ["timestamp('2024-01-02T03:04:05.250Z')", '2024-01-02T03:04:05.250Z'],
    ["duration('1h')", '3600s'],
    ["b'ab'", 'YWI='],
    ['type(1)', 'int'],
  ])('%s', (expr, expected) => {
    expect(fromCelValue(cel(expr))).toEqual(expected);
  });
});
