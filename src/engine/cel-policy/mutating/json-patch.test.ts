import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../json.js';
import { applyMutationPatch } from './json-patch.js';

interface Case {
  name: string;
  object: JsonObject;
  ops: JsonObject[];
  expect?: JsonObject;
  error?: string;
}

const cases = parse(readFileSync(new URL('./testdata/json-patch.yaml', import.meta.url), 'utf8')) as Case[];

describe('applyMutationPatch', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const run = () => applyMutationPatch(c.object, c.ops);
    if (c.error !== undefined) expect(run).toThrow(c.error);
    else expect(run()).toEqual(c.expect);
  });

  it('leaves its input untouched', () => {
    const object = { a: { b: 1 } };
    applyMutationPatch(object, [{ op: 'add', path: '/a/c', value: 2 }]);
    expect(object).toEqual({ a: { b: 1 } });
  });
});
