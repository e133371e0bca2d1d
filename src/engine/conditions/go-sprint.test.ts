import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json.js';
import { goSprint } from './go-sprint.js';

describe('goSprint (Go fmt.Sprint of JSON values)', () => {
  it.each([
    ['abc', 'abc'],
    ['', ''],
    [5, '5'],
    [2.5, '2.5'],
    [100000, '100000'],
    [1000000, '1e+06'],
    [5000000, '5e+06'],
    [12345678, '1.2345678e+07'],
    [0.00012, '0.00012'],
    [0.00001, '1e-05'],
    [-3, '-3'],
    [true, 'true'],
    [false, 'false'],
    [null, '<nil>'],
    [[], '[]'],
    [['a', 1, null, true], '[a 1 <nil> true]'],
    [{}, 'map[]'],
    [{ b: 1, a: 'x' }, 'map[a:x b:1]'],
    [{ a: { c: [1, 2] } }, 'map[a:map[c:[1 2]]]'],
    [{ B: 1, a: 2, '\u00e9': 3 }, 'map[B:1 a:2 \u00e9:3]'],
    [[{ k: 'v' }, ['x']], '[map[k:v] [x]]'],
  ] as [JsonValue, string][])('%j → %j', (v, want) => {
    expect(goSprint(v)).toBe(want);
  });
});
