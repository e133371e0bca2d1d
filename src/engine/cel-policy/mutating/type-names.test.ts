import { describe, expect, it } from 'vitest';
import { typeNameMismatches } from './type-names.js';

describe('typeNameMismatches', () => {
  it.each([
    ['root and nested names match', 'Object{spec: Object.spec{containers: [Object.spec.containers{name: "a"}]}}', []],
    [
      'literals inside calls take the field position',
      'Object{spec: Object.spec{containers: object.spec.containers.map(c, Object.spec.containers{name: c.name})}}',
      [],
    ],
    ['conditional roots', 'x ? Object{metadata: Object.metadata{labels: {"a": "b"}}} : Object{}', []],
    ['ternary colons are not fields', 'Object{spec: Object.spec{a: x ? y : z, b: Object.spec.b{}}}', []],
    [
      'a wrong nested name',
      'Object{spec: Object.spec{template: Object.spec.template{metadata: Object.metadata{}}}}',
      [{ expected: 'Object.spec.template.metadata', found: 'Object.metadata' }],
    ],
    ['a wrong root name', 'Object.spec{}', [{ expected: 'Object', found: 'Object.spec' }]],
    ['literals inside plain maps are not checked', 'Object{metadata: {"labels": Object.x{}}}', []],
  ])('%s', (_name, source, expected) => {
    expect(typeNameMismatches(source)).toEqual(expected);
  });
});
