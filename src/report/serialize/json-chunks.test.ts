import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinChunks, StreamedList } from './chunks.js';
import { prettyJsonChunks } from './json-chunks.js';

// A StreamedList stands for the array of its mapped items: replacing it by that array gives JSON.stringify's text.
function asArrays(v: unknown): unknown {
  if (v instanceof StreamedList) return [...v.items].map((i) => asArrays(v.map(i)));
  if (Array.isArray(v)) return v.map(asArrays);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asArrays(x)]));
  return v;
}

const cases: [string, unknown][] = [
  ['a scalar', 'text'],
  ['no stream', { a: [1, { b: 'c\nd' }], e: {} }],
  ['a stream at the top', new StreamedList([1, 2], (n) => ({ n, sq: n * n }))],
  ['an empty stream', { results: new StreamedList([], (x) => x), tail: 1 }],
  ['a stream inside an array inside an object', { runs: [{ results: new StreamedList(['x'], (s) => [s, s]) }] }],
  ['undefined members', { a: undefined, b: new StreamedList([1, 2], (n) => (n === 1 ? undefined : n)), c: 1 }],
  ['only undefined members', { a: undefined, s: new StreamedList([], (x) => x) }],
  ['nested streams', { s: new StreamedList([1], (n) => ({ inner: new StreamedList([n, n], (m) => m + 1) })) }],
];

describe('prettyJsonChunks', () => {
  it.each(cases)('%s: the text of JSON.stringify(value, null, 2)', (_, value) => {
    expect(joinChunks(prettyJsonChunks(value))).toBe(JSON.stringify(asArrays(value), null, 2));
  });

  it('agrees with JSON.stringify on generated documents with streamed lists', () => {
    const withStreams = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 2 }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
        fc.array(tie('value'), { maxLength: 4 }).map((items) => new StreamedList(items, (x) => x)),
      ),
    })).value;
    fc.assert(
      fc.property(withStreams, (value) => {
        expect(joinChunks(prettyJsonChunks(value))).toBe(JSON.stringify(asArrays(value), null, 2));
      }),
    );
  });
});
