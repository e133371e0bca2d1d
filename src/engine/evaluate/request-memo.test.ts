import { describe, expect, it } from 'vitest';
import type { ClusterReader } from '../ports.js';
import { RequestMemo } from './request-memo.js';

const clusterA = { get: () => undefined } as unknown as ClusterReader;
const clusterB = { get: () => undefined } as unknown as ClusterReader;

describe('RequestMemo.clusterWideSources', () => {
  it.each([
    { name: 'offline', first: undefined, second: undefined, same: true },
    { name: 'one cluster', first: clusterA, second: clusterA, same: true },
    { name: 'another cluster', first: clusterA, second: clusterB, same: false },
    { name: 'offline after a cluster', first: clusterA, second: undefined, same: false },
  ])('$name', ({ first, second, same }) => {
    const memo = new RequestMemo();
    const a = memo.clusterWideSources(first);
    const b = memo.clusterWideSources(second);
    expect(a).toEqual({ cluster: first, policyNamespace: '' });
    expect(b).toEqual({ cluster: second, policyNamespace: '' });
    expect(a === b).toBe(same);
  });
});
