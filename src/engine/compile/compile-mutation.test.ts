import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json.js';
import { compileMutateForeach, compileMutateTargets } from './compile-mutation.js';

describe('compileMutateForeach', () => {
  it.each([
    ['a strategic merge patch runs last to first', { list: 'a', patchStrategicMerge: {} }, true],
    ['JSON patches run first to last', { list: 'a', patchesJson6902: '[]' }, false],
    ['order: Ascending wins over the default', { list: 'a', order: 'Ascending', patchStrategicMerge: {} }, false],
    ['order: Descending for JSON patches', { list: 'a', order: 'Descending', patchesJson6902: '[]' }, true],
  ] as [string, JsonValue, boolean][])('%s', (_name, entry, descending) => {
    expect(compileMutateForeach([entry])[0].descending).toBe(descending);
  });

  it('leaves out entries that are not maps and keeps the order of the rest', () => {
    const entries = compileMutateForeach([{ list: 'a' }, 'x', null, { list: 'b' }]);
    expect(entries.map((e) => e.list)).toEqual(['a', 'b']);
  });

  it('compiles nested entries and gives every entry both patch fields', () => {
    const [outer] = compileMutateForeach([{ list: 'a', foreach: [{ list: 'b', patchesJson6902: '[]' }] }]);
    expect(outer.foreach?.map((e) => e.list)).toEqual(['b']);
    expect(outer.foreach?.[0].patches).toEqual({ patchStrategicMerge: null, patchesJson6902: '[]' });
    expect(outer.patches).toEqual({ patchStrategicMerge: null, patchesJson6902: null });
  });

  it('has no preconditions for a null block, and keeps a malformed one to fail at evaluation', () => {
    expect(compileMutateForeach([{ list: 'a', preconditions: null }])[0].preconditions).toBeUndefined();
    expect(compileMutateForeach([{ list: 'a', preconditions: 'x' }])[0].preconditions?.form.kind).toBe('invalid');
  });
});

describe('compileMutateTargets', () => {
  it('splits what finds a target from its context and preconditions', () => {
    const [target] = compileMutateTargets([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: 'cm-{{ request.object.metadata.name }}',
        context: [{ name: 'x', variable: { value: 1 } }],
        preconditions: { all: [{ key: '{{ x }}', operator: 'Equals', value: 1 }] },
      },
      'not a map',
    ]);
    expect(target.lookup).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'cm-{{ request.object.metadata.name }}',
    });
    expect(target.context).toEqual([{ kind: 'constant', name: 'x', value: 1 }]);
    expect(target.preconditions?.form.kind).toBe('anyAll');
    expect(compileMutateTargets([{ kind: 'Secret' }])[0].preconditions).toBeUndefined();
  });
});
