import { describe, expect, it } from 'vitest';
import { podSpecPaths } from './pod-spec-paths.js';

const TEMPLATE = { podSpec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] };

describe('podSpecPaths', () => {
  it.each([
    ['Pod', { podSpec: ['spec'], metadata: ['metadata'] }],
    ['Deployment', TEMPLATE],
    ['DaemonSet', TEMPLATE],
    ['StatefulSet', TEMPLATE],
    ['ReplicaSet', TEMPLATE],
    ['ReplicationController', TEMPLATE],
    ['Job', TEMPLATE],
    [
      'CronJob',
      {
        podSpec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
        metadata: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
      },
    ],
    ['Service', undefined],
    ['deployment', undefined],
  ])('%s', (kind, want) => {
    expect(podSpecPaths(kind)).toEqual(want);
  });

  it('returns fresh arrays each time', () => {
    podSpecPaths('Pod')!.podSpec.push('x');
    expect(podSpecPaths('Pod')!.podSpec).toEqual(['spec']);
  });
});
