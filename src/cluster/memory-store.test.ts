import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../engine/json.js';
import { MemoryCluster } from './memory-store.js';

interface Fixture {
  objects: JsonObject[];
  get: { name: string; args: [string, string, string, string]; want: JsonObject | null }[];
  list: { name: string; args: [string, string, string]; labels?: Record<string, string>; want: string[] }[];
  apiCall: { name: string; path: string; method?: 'GET' | 'POST'; want?: JsonValue; error?: string }[];
}

const fx = parse(readFileSync(new URL('./testdata/memory-store.yaml', import.meta.url), 'utf8')) as Fixture;
const cluster = new MemoryCluster(fx.objects);

function ref(o: JsonObject): string {
  const md = o.metadata as JsonObject;
  return `${String(md.namespace ?? '')}/${String(md.name)}`;
}

describe('MemoryCluster reads', () => {
  it.each(fx.get)('getResource: $name', ({ args, want }) => {
    expect(cluster.getResource(...args) ?? null).toEqual(want);
  });
  it.each(fx.list)('listResources: $name', ({ args, labels, want }) => {
    expect(cluster.listResources(...args, labels).map(ref)).toEqual(want);
  });
  it.each(fx.apiCall)('apiCall: $name', ({ path, method, want, error }) => {
    if (error !== undefined) expect(() => cluster.apiCall(path, method ?? 'GET')).toThrow(error);
    else expect(cluster.apiCall(path, method ?? 'GET')).toEqual(want);
  });
  it('getConfigMap reads v1 ConfigMaps', () => {
    expect(cluster.getConfigMap('dev', 'alpha')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'alpha', namespace: 'dev' },
    });
    expect(cluster.getConfigMap('dev', 'zeta')).toBeUndefined();
  });
});

const cm = (data: Record<string, string>): JsonObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'ns' },
  data,
});

describe('MemoryCluster writes', () => {
  it.each([
    { name: 'new object', before: [], obj: cm({ a: '1' }), want: 'created' },
    { name: 'same content', before: [cm({ a: '1' })], obj: cm({ a: '1' }), want: 'unchanged' },
    { name: 'changed content', before: [cm({ a: '1' })], obj: cm({ a: '2' }), want: 'updated' },
    { name: 'same name, other kind', before: [cm({ a: '1' })], obj: { ...cm({}), kind: 'Secret' }, want: 'created' },
  ])('apply: $name', ({ before, obj, want }) => {
    const c = new MemoryCluster(before);
    expect(c.apply(obj)).toBe(want);
    expect(c.getResource('v1', String(obj.kind), 'ns', 'c')).toEqual(obj);
  });

  it('remove deletes one object and reports whether it existed', () => {
    const c = new MemoryCluster([cm({}), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } }]);
    expect(c.remove('v1', 'ConfigMap', 'ns', 'c')).toBe(true);
    expect(c.remove('v1', 'ConfigMap', 'ns', 'c')).toBe(false);
    expect(c.remove('v1', 'Namespace', 'anything', 'ns')).toBe(true);
    expect(c.all()).toEqual([]);
  });

  it('add replaces an object with the same identity and all() keeps insertion order', () => {
    const c = new MemoryCluster();
    c.add(cm({ a: '1' }));
    c.add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } });
    c.add(cm({ a: '2' }));
    expect(c.all()).toEqual([cm({ a: '2' }), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } }]);
  });

  it('hands out copies, so callers cannot change stored objects', () => {
    const original = cm({ a: '1' });
    const c = new MemoryCluster([original]);
    (original.data as JsonObject).a = 'changed';
    (c.getResource('v1', 'ConfigMap', 'ns', 'c')!.data as JsonObject).a = 'changed';
    (c.listResources('v1', 'ConfigMap', 'ns')[0].data as JsonObject).a = 'changed';
    (c.all()[0].data as JsonObject).a = 'changed';
    expect(c.getResource('v1', 'ConfigMap', 'ns', 'c')).toEqual(cm({ a: '1' }));
  });
});
