import { describe, expect, it } from 'vitest';
import { boundedMemo } from './bounded-memo.js';

describe('boundedMemo', () => {
  it('computes a key once while it is remembered, and forgets all once full', () => {
    const computed: string[] = [];
    const memo = boundedMemo(2, (k) => (computed.push(k), { k }));
    const a = memo('a');
    expect(memo('a')).toBe(a);
    memo('b');
    expect(computed).toEqual(['a', 'b']);
    memo('c'); // full: forgets a and b
    expect(memo('a')).not.toBe(a);
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
