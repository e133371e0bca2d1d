// Every expected text below is what Kyverno's CLI v1.19.1 printed for the value in `Invalid type for: %v, …`.
import { describe, expect, it } from 'vitest';
import { goJpTypesText } from './functions/call.js';
import type { ArgType } from './functions/types.js';
import { goValueText } from './go-value-text.js';
import { ExpRef } from './runtime.js';
import { parseExpression } from './syntax.js';
import { GoInt, type Value } from './values.js';

describe('goValueText (Go %v)', () => {
  it.each<[string, Value, string]>([
    ['nil', null, '<nil>'],
    ['string', 'a b', 'a b'],
    ['string that looks like a number', '1', '1'],
    ['true', true, 'true'],
    ['integral float64', 1, '1'],
    ['float64 with a fraction', 1.5, '1.5'],
    ['negative fraction', -0.5, '-0.5'],
    ['exponent 5 stays fixed', 123456, '123456'],
    ['fixed with a fraction', 123456.7, '123456.7'],
    ['exponent 6 switches to %e', 1234567, '1.234567e+06'],
    ['negative %e', -1234567.5, '-1.2345675e+06'],
    ['a power of ten', 1e6, '1e+06'],
    ['1e20', 1e20, '1e+20'],
    ['1e21', 1e21, '1e+21'],
    ['three-digit exponent', 1e100, '1e+100'],
    ['shortest round-trip digits', 1.2345678901234567e19, '1.2345678901234567e+19'],
    ['exponent -4 stays fixed', 0.0001, '0.0001'],
    ['exponent -5 switches to %e', 0.00001, '1e-05'],
    ['1e-06', 0.000001, '1e-06'],
    ['negative small', -1e-7, '-1e-07'],
    ['negative zero', -0, '-0'],
    ['+Inf', Infinity, '+Inf'],
    ['-Inf', -Infinity, '-Inf'],
    ['NaN', NaN, 'NaN'],
    ["compare's Go int", new GoInt(-1), '-1'],
    ['empty slice', [], '[]'],
    ['slice of strings', ['a', 'b'], '[a b]'],
    ['mixed slice', [1, 'a'], '[1 a]'],
    ['slice of non-ASCII strings', ['é', 'z', 'Z'], '[é z Z]'],
    ['nested slices and maps', [[1, [2]], { a: 1 }], '[[1 [2]] map[a:1]]'],
    ['empty map', {}, 'map[]'],
    ['map keys sorted, nil inside', { b: 'x', a: 1, c: [1, 'y', null] }, 'map[a:1 b:x c:[1 y <nil>]]'],
    ['map keys in byte order', { é: 1, z: 2, Z: 3 }, 'map[Z:3 z:2 é:1]'],
    [
      'slice of maps',
      [
        { k: 'a', v: '1' },
        { k: 'b', v: 'x' },
      ],
      '[map[k:a v:1] map[k:b v:x]]',
    ],
  ])('%s', (_, value, want) => {
    expect(goValueText(value)).toBe(want);
  });
});

describe('goValueText of an expression reference (the go-jmespath AST struct)', () => {
  it.each([
    ['a', '{{5 a []}}'],
    ['"q"', '{{5 q []}}'],
    ['@', '{{2 <nil> []}}'],
    ['a.b', '{{20 <nil> [{5 a []} {5 b []}]}}'],
    ['a.b.c', '{{20 <nil> [{20 <nil> [{5 a []} {5 b []}]} {5 c []}]}}'],
    ['a[0]', '{{10 <nil> [{5 a []} {9 0 []}]}}'],
    ['a[-1]', '{{10 <nil> [{5 a []} {9 -1 []}]}}'],
    ['a[*].b', '{{19 <nil> [{5 a []} {5 b []}]}}'],
    ['a[]', '{{19 <nil> [{7 <nil> [{5 a []}]} {8 <nil> []}]}}'],
    ['*.a', '{{22 <nil> [{8 <nil> []} {5 a []}]}}'],
    ['a[?b]', '{{6 <nil> [{5 a []} {8 <nil> []} {5 b []}]}}'],
    ["a == 'x'", '{{1 22 [{5 a []} {12 x []}]}}'],
    ['`1`', '{{12 1 []}}'],
    ['`null`', '{{12 <nil> []}}'],
    ['`{"a": [1, null]}`', '{{12 map[a:[1 <nil>]] []}}'],
    ["'s'", '{{12 s []}}'],
    ['a || b', '{{15 <nil> [{5 a []} {5 b []}]}}'],
    ['a && b', '{{16 <nil> [{5 a []} {5 b []}]}}'],
    ['!a', '{{17 <nil> [{5 a []}]}}'],
    ['a | b', '{{18 <nil> [{5 a []} {5 b []}]}}'],
    ['to_string(@)', '{{4 to_string [{2 <nil> []}]}}'],
    ['[a, b]', '{{14 <nil> [{5 a []} {5 b []}]}}'],
    ['{x: a}', '{{13 <nil> [{11 x [{5 a []}]}]}}'],
  ])('&%s', (expression, want) => {
    expect(goValueText(new ExpRef(() => null, parseExpression(expression)))).toBe(want);
  });
});

describe('goJpTypesText (Go %#v of []jmespath.JpType)', () => {
  it.each<[ArgType[], string]>([
    [['object'], '[]jmespath.JpType{"object"}'],
    [['array', 'string'], '[]jmespath.JpType{"array", "string"}'],
    [['string', 'array', 'object'], '[]jmespath.JpType{"string", "array", "object"}'],
    [['string', 'number'], '[]jmespath.JpType{"string", "number"}'],
    [['array[number]', 'array[string]'], '[]jmespath.JpType{"array[number]", "array[string]"}'],
    [['expref'], '[]jmespath.JpType{"expref"}'],
  ])('%j', (types, want) => {
    expect(goJpTypesText(types)).toBe(want);
  });
});
