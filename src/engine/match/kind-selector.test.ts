import { describe, expect, it } from 'vitest';
import { parseKindSelector } from './kind-selector.js';

describe('parseKindSelector', () => {
  it.each([
    ['Pod', ['*', '*', 'Pod', '']],
    ['*/*', ['*', '*', '*', '*']],
    ['*/scale', ['*', '*', '*', 'scale']],
    ['v1/Pod', ['*', 'v1', 'Pod', '']],
    ['v2beta1/HorizontalPodAutoscaler', ['*', 'v2beta1', 'HorizontalPodAutoscaler', '']],
    ['Pod/exec', ['*', '*', 'Pod', 'exec']],
    ['v1/Pod/exec', ['*', 'v1', 'Pod', 'exec']],
    ['apps/v1/Deployment', ['apps', 'v1', 'Deployment', '']],
    ['apps/v1/Deployment/scale', ['apps', 'v1', 'Deployment', 'scale']],
    ['v1/Pod.status', ['*', 'v1', 'Pod', 'status']],
    ['batch/Job', ['*', '*', 'batch', 'Job']],
  ])('%s', (text, [group, version, kind, subresource]) => {
    expect(parseKindSelector(text)).toEqual({ group, version, kind, subresource });
  });
});
