import { describe, expect, it } from 'vitest';
import { kustomizeOverlay, parseImageOverride } from './kustomize-options.js';

describe('parseImageOverride', () => {
  it.each([
    ['nginx:1.27', { name: 'nginx', newTag: '1.27' }],
    ['registry:5000/nginx', { name: 'registry:5000/nginx' }], // a port is not a tag
    ['nginx=registry.example.com/nginx:1.27', { name: 'nginx', newName: 'registry.example.com/nginx', newTag: '1.27' }],
    ['nginx@sha256:abc', { name: 'nginx', digest: 'sha256:abc' }],
    ['old=new', { name: 'old', newName: 'new' }],
  ])('%s', (spec, expected) => {
    expect(parseImageOverride(spec)).toEqual(expected);
  });
});

describe('kustomizeOverlay', () => {
  it('needs no overlay without options', () => {
    expect(kustomizeOverlay(undefined, '/tmp/o', '/repo/app')).toEqual({ unsupported: [] });
  });

  it('builds an overlay over the source directory', () => {
    const o = kustomizeOverlay(
      { namePrefix: 'p-', namespace: 'ns', commonLabels: { a: 'b' }, components: ['../comp'] },
      '/tmp/o',
      '/repo/app',
    );
    expect(o.kustomization).toMatchObject({
      resources: ['../../repo/app'],
      namePrefix: 'p-',
      namespace: 'ns',
      labels: [{ pairs: { a: 'b' }, includeSelectors: true, includeTemplates: true }],
      components: ['../../repo/comp'],
    });
  });

  it('keeps selectors untouched with labelWithoutSelector', () => {
    const o = kustomizeOverlay({ commonLabels: { a: 'b' }, labelWithoutSelector: true }, '/tmp/o', '/repo/app');
    expect(o.kustomization?.labels).toEqual([{ pairs: { a: 'b' } }]);
  });

  it.each([
    [{ version: 'v5' }, ['version']],
    [{ kubeVersion: '1.29', namePrefix: 'x-' }, ['kubeVersion']],
    [{ forceCommonLabels: true, apiVersions: [] }, []], // ignored flags and empty values are no loss
  ])('lists unsupported options of %j', (opts, unsupported) => {
    expect(kustomizeOverlay(opts, '/tmp/o', '/repo/app').unsupported).toEqual(unsupported);
  });
});
