import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../json.js';
import { contextResourceService, inMemoryResourceService } from './offline-resources.js';

const cm = (name: string, namespace?: string, labels?: Record<string, string>): JsonObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) },
});
const objects = [cm('a', 'shop', { team: 'x' }), cm('b', 'dev'), cm('global')];
const names = (items: JsonObject[] | undefined) => items?.map((o) => (o.metadata as { name: string }).name);

describe('resource lookups in tests', () => {
  const context = contextResourceService(objects);
  const cluster = inMemoryResourceService(objects);

  it.each([
    ['context file', context, ['global'], ['a']],
    ['fake cluster (clusterResources)', cluster, ['a', 'b', 'global'], ['a']],
  ])('%s: List in "" and with labels', (_what, service, all, labelled) => {
    expect(names(service.list('v1', 'configmaps', ''))).toEqual(all);
    expect(names(service.list('v1', 'configmaps', 'shop', { team: 'x' }))).toEqual(labelled);
  });

  it('the context file ignores List labels and reports an unknown GVR as undefined', () => {
    expect(names(context.list('v1', 'configmaps', 'dev', { team: 'x' }))).toEqual(['b']);
    expect(context.list('v1', 'secrets', 'dev')).toBeUndefined();
  });

  it.each([
    ['shop', 'a', true],
    ['dev', 'a', false],
  ])('Get %s/%s is exact on namespace and name (found: %s)', (ns, name, found) => {
    expect(context.get('v1', 'configmaps', ns, name) !== undefined).toBe(found);
    expect(cluster.get('v1', 'configmaps', ns, name) !== undefined).toBe(found);
  });
});
