import { describe, expect, it } from 'vitest';
import { SmallMap } from './small-map.js';

describe('SmallMap', () => {
  const a = { name: 'a' };
  const b = { name: 'b' };
  const c = { name: 'c' };

  it.each<{ name: string; sets: [object, number][]; want: [object, number | undefined][] }>([
    { name: 'empty', sets: [], want: [[a, undefined]] },
    {
      name: 'one key',
      sets: [[a, 1]],
      want: [
        [a, 1],
        [b, undefined],
      ],
    },
    {
      name: 'the first key replaced',
      sets: [
        [a, 1],
        [a, 2],
      ],
      want: [[a, 2]],
    },
    {
      name: 'several keys',
      sets: [
        [a, 1],
        [b, 2],
        [c, 3],
      ],
      want: [
        [a, 1],
        [b, 2],
        [c, 3],
      ],
    },
    {
      name: 'a later key replaced',
      sets: [
        [a, 1],
        [b, 2],
        [b, 4],
      ],
      want: [
        [a, 1],
        [b, 4],
      ],
    },
    { name: 'keys by identity, not by shape', sets: [[a, 1]], want: [[{ name: 'a' }, undefined]] },
  ])('$name', ({ sets, want }) => {
    const m = new SmallMap<object, number>();
    for (const [k, v] of sets) m.set(k, v);
    for (const [k, v] of want) expect(m.get(k)).toBe(v);
  });
});
