import { describe, expect, it } from 'vitest';
import { foldLikeCelGo } from './macro-support.js';

// One element: what its filter gives (a bool, or the error it throws) and whether its step throws.
type Element = { readonly filter?: boolean | string; readonly step?: string };

function run(elements: readonly Element[], withFilter: boolean): { stepped: number[]; error?: string } {
  const stepped: number[] = [];
  const fail = (text: string): never => {
    throw new Error(text);
  };
  const filter = (i: number) => {
    const f = elements[i].filter ?? true;
    return typeof f === 'string' ? fail(f) : f;
  };
  const step = (i: number) => {
    const s = elements[i].step;
    if (s !== undefined) fail(s);
    stepped.push(i);
  };
  try {
    foldLikeCelGo(
      elements.map((_, i) => i),
      step,
      withFilter ? filter : undefined,
    );
    return { stepped };
  } catch (e) {
    return { stepped, error: (e as Error).message };
  }
}

describe('foldLikeCelGo', () => {
  it.each<[string, Element[], boolean, { stepped: number[]; error?: string }]>([
    ['no errors: every kept element is stepped', [{}, { filter: false }, {}], true, { stepped: [0, 2] }],
    ['the last filter error wins', [{}, { filter: 'a' }, {}, { filter: 'b' }], true, { stepped: [0], error: 'b' }],
    ['a filter error replaces a step error', [{ step: 's' }, { filter: 'f' }], true, { stepped: [], error: 'f' }],
    ['a step after an error is skipped', [{ filter: 'f' }, { step: 's' }, {}], true, { stepped: [], error: 'f' }],
    [
      'without a filter the first step error wins',
      [{ step: 'a' }, { step: 'b' }, {}],
      false,
      { stepped: [], error: 'a' },
    ],
  ])('%s', (_, elements, withFilter, want) => {
    expect(run(elements, withFilter)).toEqual(want);
  });
});
