import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cloneJson, type JsonObject, type JsonValue } from '../../json.js';
import { applyJsonPatch, PatchError } from './index.js';

interface Case {
  name: string;
  resource: JsonObject;
  patch: string | JsonValue;
  want?: JsonObject;
  error?: string;
}

const cases = parse(readFileSync(new URL('./testdata/json-patch.yaml', import.meta.url), 'utf8')) as Case[];

describe('applyJsonPatch', () => {
  it.each(cases)('$name', (c) => {
    const resource = cloneJson(c.resource);
    if (c.error !== undefined) {
      expect(() => applyJsonPatch(resource, c.patch)).toThrow(PatchError);
      expect(() => applyJsonPatch(resource, c.patch)).toThrow(c.error);
    } else {
      expect(applyJsonPatch(resource, c.patch)).toEqual(c.want);
    }
    expect(resource).toEqual(c.resource);
  });

  it('does not share nodes between the operation values and the result', () => {
    const ops: JsonValue = [{ op: 'add', path: '/a', value: { x: 1 } }];
    const got = applyJsonPatch({}, ops);
    (got.a as JsonObject).x = 2;
    expect(ops).toEqual([{ op: 'add', path: '/a', value: { x: 1 } }]);
  });

  it('refuses to pad a list beyond a sane size', () => {
    expect(() => applyJsonPatch({ spec: {} }, '- {op: add, path: /spec/items/1000000000, value: x}')).toThrow(
      PatchError,
    );
  });
});
