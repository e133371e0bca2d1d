import { describe, expect, it } from 'vitest';
import { MemoryCluster } from '../../../cluster/memory-store.js';
import { clusterResourceService, restPath } from './cluster-resources.js';

const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { a: '1' } };
const cluster = new MemoryCluster([cm]);
const service = clusterResourceService(cluster);

describe('clusterResourceService', () => {
  it.each([
    ['v1', 'configmaps', 'shop', 'settings', '/api/v1/namespaces/shop/configmaps/settings'],
    ['apps/v1', 'deployments', '', undefined, '/apis/apps/v1/deployments'],
  ])('REST path of %s %s', (apiVersion, resource, namespace, name, path) => {
    expect(restPath(apiVersion, resource, namespace, name)).toBe(path);
  });

  it('gets a cached object, and nothing for a missing one', () => {
    expect(service.get('v1', 'configmaps', 'shop', 'settings')).toEqual(cm);
    expect(service.get('v1', 'configmaps', 'shop', 'missing')).toBeUndefined();
  });

  it('lists a namespace', () => {
    expect(service.list('v1', 'configmaps', 'shop')).toEqual([cm]);
  });
});
