import fc from 'fast-check';
import jsyaml from 'js-yaml';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { batched, joinChunks, StreamedList } from './chunks.js';
import { yamlChunks } from './yaml-chunks.js';

const yaml = (v: unknown) => joinChunks(yamlChunks(v));

// What every reader must get back: YAML 1.2 (the `yaml` library), YAML 1.1 (as Go's yaml.v2 reads), and js-yaml.
function readBack(text: string): unknown[] {
  return [parse(text), parse(text, { version: '1.1' }), jsyaml.load(text)];
}

const tricky = [
  '',
  ' ',
  'a b',
  'yes',
  'No',
  'on',
  'y',
  'null',
  '~',
  'true',
  '1',
  '0x1f',
  '1e3',
  '1_000',
  '1:20',
  '.inf',
  '.nan',
  '2001-12-14',
  '- x',
  'a: b',
  'a #b',
  '#x',
  '@x',
  '`x`',
  '!tag',
  '&a',
  '*a',
  '|',
  '>',
  '%x',
  "'q'",
  '"q"',
  'é',
  'line\nbreak',
  'tab\there',
  'trail ',
  ' lead',
  '\u0085',
  '\u2028',
  '\ufeff',
  '\u007f',
  '\ud800',
  'a\udc00b',
  'emoji 😀',
  'e0',
  'E5',
  'app.kubernetes.io/name',
  'disallow-latest-tag',
  'apps/v1',
  '=',
  '<<',
  '[a]',
  '{a}',
  'a,b',
  '?x',
];

describe('yamlChunks', () => {
  it.each(tricky)('string %j reads back as itself, as a value and as a key', (s) => {
    const doc = { [s]: s, list: [s] };
    for (const back of readBack(yaml(doc))) expect(back).toEqual(doc);
  });

  it('writes plain words plain and the rest double-quoted', () => {
    expect(yaml({ apiVersion: 'wgpolicyk8s.io/v1alpha2', message: "rule 'x' failed", yes: 'no' })).toBe(
      'apiVersion: wgpolicyk8s.io/v1alpha2\nmessage: "rule \'x\' failed"\n"yes": "no"\n',
    );
  });

  it.each([
    ['an empty map', {}, '{}\n'],
    ['an empty list', [], '[]\n'],
    ['empty members', { a: {}, b: [], c: new StreamedList([], (x) => x) }, 'a: {}\nb: []\nc: []\n'],
    ['lists in lists', [[1, [2]], [], {}], '- - 1\n  - - 2\n- []\n- {}\n'],
    ['a map in a list', [{ a: 1, b: { c: [true, null] } }], '- a: 1\n  b:\n    c:\n      - true\n      - null\n'],
    ['undefined members', { a: undefined, b: new StreamedList([1], () => undefined) }, 'b:\n  - null\n'],
  ])('%s', (_, value, text) => {
    expect(yaml(value)).toBe(text);
  });

  it('writes a streamed list as the sequence of its mapped items', () => {
    const list = new StreamedList([1, 2, 3], (n) => ({ n, name: `item-${n}` }));
    expect(parse(yaml({ items: list }))).toEqual({ items: [1, 2, 3].map((n) => ({ n, name: `item-${n}` })) });
  });

  it('reads back every generated JSON document in YAML 1.2, 1.1 and js-yaml', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // -0 reads back as 0, as JSON.parse(JSON.stringify(-0)) does.
        const json = JSON.parse(JSON.stringify(value)) as unknown;
        for (const back of readBack(yaml(json))) expect(back).toEqual(json);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back every short word as itself, as a value and as a key', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9_./+-]{1,4}$/);
    fc.assert(
      fc.property(word, (w) => {
        const doc = { [w]: [w] };
        for (const back of readBack(yaml(doc))) expect(back).toEqual(doc);
      }),
      { numRuns: 2000 },
    );
  });

  it('batched regroups the pieces without changing the text', () => {
    const pieces = ['a', 'bc', '', 'def', 'g'];
    expect([...batched(pieces, 3)]).toEqual(['abc', 'def', 'g']);
    expect(joinChunks(batched(pieces, 1000))).toBe('abcdefg');
  });
});
