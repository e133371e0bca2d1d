import { describe, expect, it } from 'vitest';
import { isObject, type JsonValue } from '../json.js';
import {
  changedBySubstitution,
  containsVariables,
  hasVariables,
  substituteDocument,
  substituteString,
  SubstitutionError,
  type VariableResolver,
} from './substitute.js';

const data: Record<string, JsonValue> = {
  request: {
    operation: 'CREATE',
    object: { metadata: { name: 'web', labels: { app: 'shop' } }, spec: { replicas: 3, containers: [{ name: 'c' }] } },
    oldObject: { metadata: { name: 'old-web' } },
  },
  cm: { data: { shop: 'team-a' } },
};

/** A resolver that answers dotted paths over `data`, failing on missing keys as Kyverno does. */
function resolver(isDelete = false, extra: Record<string, JsonValue> = {}): VariableResolver & { seen: string[] } {
  const root = { ...data, ...extra };
  const seen: string[] = [];
  return {
    seen,
    isDelete,
    has: (name) => Object.hasOwn(root, name),
    query(expr) {
      seen.push(expr);
      let cur: JsonValue = root as JsonValue;
      for (const seg of expr.split('.')) {
        if (!isObject(cur) || !Object.hasOwn(cur, seg)) throw new Error(`Unknown key "${seg}" in path`);
        cur = cur[seg];
      }
      return cur;
    },
  };
}

describe('substituteString', () => {
  it.each([
    ['{{ request.object.spec.replicas }}', 3],
    ['{{request.object.metadata.labels}}', { app: 'shop' }],
    ['replicas={{ request.object.spec.replicas }}', 'replicas=3'],
    ['{{ request.object.metadata.name }}-{{ request.operation }}', 'web-CREATE'],
    ['labels: {{ request.object.metadata.labels }}', 'labels: {"app":"shop"}'],
    ['{{ cm.data.{{ request.object.metadata.labels.app }} }}', 'team-a'],
    ['\\{{ not-a-variable }}', '{{ not-a-variable }}'],
    ['no variables here', 'no variables here'],
  ] as const)('%s', (input, want) => {
    expect(substituteString(input, resolver())).toEqual(want);
  });

  it('rewrites request.object to request.oldObject on DELETE', () => {
    expect(substituteString('{{ request.object.metadata.name }}', resolver(true))).toBe('old-web');
  });

  it('resolves @ to the same field of the resource', () => {
    const r = resolver();
    substituteString('{{ @ }}', r, ['mutate', 'patchStrategicMerge', 'metadata', 'name']);
    expect(r.seen).toEqual(['request.object.metadata.name']);
  });

  it('resolves @ against target when a target exists', () => {
    const r = resolver(false, { target: { metadata: { name: 't' } } });
    expect(substituteString('{{@}}', r, ['mutate', 'targets', 'metadata', 'name'])).toBe('t');
  });

  it('reports the expression and path of an unresolvable variable', () => {
    expect(() =>
      substituteString('{{ request.object.spec.missing }}', resolver(), ['validate', 'pattern', 'x']),
    ).toThrow(
      new SubstitutionError(
        'failed to resolve request.object.spec.missing at path /validate/pattern/x: Unknown key "missing" in path',
      ),
    );
  });
});

describe('substituteDocument', () => {
  it('substitutes keys and leaves, keeping types', () => {
    const doc = { '{{ request.object.metadata.name }}': ['{{ request.object.spec.replicas }}', true, 1] };
    expect(substituteDocument(doc, resolver())).toEqual({ web: [3, true, 1] });
  });

  it('finds variables anywhere', () => {
    expect(hasVariables('a {{ b }}')).toBe(true);
    expect(hasVariables('a \\{{ b }}')).toBe(false);
    expect(containsVariables({ a: [{ b: 'x{{y}}' }] })).toBe(true);
    expect(containsVariables({ a: [{ b: 'xy' }] })).toBe(false);
  });
});

describe('changedBySubstitution', () => {
  it.each<[string, JsonValue, boolean]>([
    ['a plain string', 'nginx', false],
    ['a variable', '{{ request.object.kind }}', true],
    ['an escaped variable (substitution unescapes it)', '\\{{ kept }}', true],
    ['a key holding a variable', { '{{ k }}': 1 }, true],
    ['a variable deep in a list', [1, { a: ['x', 'a {{ b }}'] }], true],
    ['numbers, booleans and null', [1, true, null, { n: 2 }], false],
  ])('%s', (_name, v, want) => {
    expect(changedBySubstitution(v)).toBe(want);
  });
});
