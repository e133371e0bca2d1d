import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cloneJson, type JsonObject, type JsonValue } from '../../json.js';
import { applyStrategicMergePatch, PatchError } from './index.js';

interface Case {
  name: string;
  resource: JsonObject;
  patch: JsonValue;
  want?: JsonObject;
  unchanged?: boolean;
  error?: string;
}

const load = (file: string) => parse(readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8')) as Case[];

/** Freeze every node, so that a merge changing its input in place throws. */
function deepFreeze<T extends JsonValue>(v: T): T {
  if (v !== null && typeof v === 'object') for (const child of Object.values(Object.freeze(v))) deepFreeze(child);
  return v;
}

describe.each(['strategic-anchors.yaml', 'strategic-merge.yaml', 'strategic-directives.yaml', 'strategic-errors.yaml'])(
  '%s',
  (file) => {
    it.each(load(file))('$name', (c) => {
      // The merge copies the resource's nodes before it changes them: frozen, the input must do.
      const resource = deepFreeze(cloneJson(c.resource));
      const patch = cloneJson(c.patch);
      if (c.error !== undefined) {
        expect(() => applyStrategicMergePatch(resource, patch)).toThrow(PatchError);
        expect(() => applyStrategicMergePatch(resource, patch)).toThrow(c.error);
        return;
      }
      const got = applyStrategicMergePatch(resource, patch);
      // Ordering matters for lists, so compare exactly (toEqual ignores only object key order).
      expect(got).toEqual(c.unchanged ? c.resource : c.want);
      expect(resource).toEqual(c.resource);
      expect(patch).toEqual(c.patch);
    });
  },
);

describe('applyStrategicMergePatch', () => {
  it('returns a new object even when nothing changes', () => {
    const resource: JsonObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 'b' } } };
    const got = applyStrategicMergePatch(resource, { metadata: { labels: { '(a)': 'c' } } });
    expect(got).toEqual(resource);
    expect(got).not.toBe(resource);
  });

  it('shares the parts the patch leaves as they were, and sorts the keys of the rest', () => {
    const labels = { a: 'b' };
    const spec = { containers: [{ name: 'c', image: 'x' }], hostNetwork: true };
    const resource: JsonObject = { kind: 'Pod', apiVersion: 'v1', metadata: { labels }, spec };
    const got = applyStrategicMergePatch(resource, { metadata: { labels: { z: 'y' } } });
    expect(JSON.stringify(got)).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"labels":{"a":"b","z":"y"}},' +
        '"spec":{"containers":[{"image":"x","name":"c"}],"hostNetwork":true}}',
    );
    expect((got.metadata as JsonObject).labels).not.toBe(labels);
    expect(labels).toEqual({ a: 'b' });
    expect(got.spec).not.toBe(spec);
    expect((got.spec as JsonObject).hostNetwork).toBe(true);
    const sorted = applyStrategicMergePatch(got, { metadata: { labels: { z: 'w' } } });
    expect(sorted.spec).toBe(got.spec);
  });

  it('does not share nodes between the patch and the result', () => {
    const patch: JsonObject = { spec: { containers: [{ name: 'a', image: 'x' }] } };
    const got = applyStrategicMergePatch({ apiVersion: 'v1', kind: 'Pod', spec: {} }, patch);
    ((got.spec as JsonObject).containers as JsonObject[])[0].image = 'changed';
    expect(patch).toEqual({ spec: { containers: [{ name: 'a', image: 'x' }] } });
  });

  it('handles keys that name Object.prototype members', () => {
    const got = applyStrategicMergePatch(
      { data: { constructor: 'a' } },
      JSON.parse('{"data":{"__proto__":"b","toString":"c"}}'),
    );
    expect(Object.keys(got.data as JsonObject)).toEqual(['constructor', '__proto__', 'toString']);
    expect(Object.getPrototypeOf(got.data)).toBe(Object.prototype);
  });
});
