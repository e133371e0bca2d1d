import { describe, expect, it } from 'vitest';
import { rewriteMessageLiterals } from './message-literals.js';

describe('rewriteMessageLiterals', () => {
  it.each([
    ['Object{}', 'dyn({})'],
    ['Object{a: 1}', 'dyn({"a": dyn( 1)})'],
    ['Object.spec.x{a: f(1, 2), b: [1, 2],}', 'dyn({"a": dyn( f(1, 2)),"b": dyn( [1, 2]),})'],
    ['Object{a: Object.a{b: {"k": "v"}}}', 'dyn({"a": dyn( dyn({"b": dyn( {"k": "v"})}))})'],
    ['"Object{a: 1}"', '"Object{a: 1}"'],
    ['r\'JSONPatch{op: 1}\' + b"X{}"', 'r\'JSONPatch{op: 1}\' + b"X{}"'],
    ['"""Object{\n}""" + \'\\\'Object{}\'', '"""Object{\n}""" + \'\\\'Object{}\''],
    ['x in {"a": 1}', 'x in {"a": 1}'],
    ['a.b.c', 'a.b.c'],
    ['f(x) ? Object{a: "}"} : Object{}', 'f(x) ? dyn({"a": dyn( "}")}) : dyn({})'],
    ['a) + Object{}', 'a) + dyn({})'],
    ['// Object{a: 1}\nObject{}', '// Object{a: 1}\ndyn({})'],
  ])('%s', (source, expected) => {
    expect(rewriteMessageLiterals(source).text).toBe(expected);
  });

  it('maps rewritten offsets back to the source', () => {
    const r = rewriteMessageLiterals('Object{spec: 1}');
    expect(r.text).toBe('dyn({"spec": dyn( 1)})');
    expect(r.originalOffset(r.text.indexOf('1'))).toBe(13);
    expect(r.originalOffset(r.text.indexOf('"spec"'))).toBe(7);
  });
});
