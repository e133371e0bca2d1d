import { describe, expect, it } from 'vitest';
import { withEmptyNullMaps } from './null-maps.js';

describe('withEmptyNullMaps', () => {
  it.each([
    ['a null annotations map', { metadata: { annotations: null } }, { metadata: { annotations: {} } }],
    ['a null ConfigMap data', { data: null, stringData: null }, { data: {}, stringData: {} }],
    [
      'maps inside lists of objects',
      { spec: { selector: { matchLabels: null }, items: [{ labels: null }, null, 'x'] } },
      { spec: { selector: { matchLabels: {} }, items: [{ labels: {} }, null, 'x'] } },
    ],
    ['other null fields stay null', { spec: { volumes: null, m: null } }, { spec: { volumes: null, m: null } }],
    ['a missing map stays missing', { metadata: { name: 'a' } }, { metadata: { name: 'a' } }],
  ])('%s', (_, input, want) => {
    expect(withEmptyNullMaps(input as never)).toEqual(want);
  });

  it('returns the same object when nothing is null', () => {
    const r = { metadata: { labels: { a: 'b' } } };
    expect(withEmptyNullMaps(r)).toBe(r);
  });
});
