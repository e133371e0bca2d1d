import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeRepoURL } from './repo-urls.js';
import { resolveSource } from './source-type.js';
import type { ApplicationSource } from './types.js';

const ROOT = fileURLToPath(new URL('./testdata/argo', import.meta.url));
const ours = new Set([normalizeRepoURL('https://github.com/example/gitops')]);
const src = (s: Partial<ApplicationSource>): ApplicationSource => ({
  repoURL: 'https://x/y',
  fieldPath: ['spec', 'source'],
  ...s,
});

describe('resolveSource', () => {
  it.each([
    ['guestbook', {}, 'directory'],
    ['kustomize/overlays/prod', {}, 'kustomize'],
    ['charts/web', {}, 'helm'],
    ['kustomize/base', { directory: { recurse: true } }, 'directory'], // an explicit block wins over discovery
    ['guestbook', { helm: { releaseName: 'x' } }, 'helm'],
    ['charts/web', { helm: {} }, 'helm'], // an empty block does not choose
    ['guestbook', { directory: { recurse: false } }, 'directory'],
  ])('%s with %j renders as %s', (path, extra, type) => {
    expect(resolveSource(ROOT, src({ path, ...extra }), ours)).toEqual({ kind: 'local', dir: join(ROOT, path), type });
  });

  it.each([
    [src({ path: 'missing' }), { kind: 'external', reason: 'source outside this repository: https://x/y' }],
    [
      src({ path: 'missing', repoURL: 'git@github.com:example/gitops.git' }),
      { kind: 'invalid', field: 'path', message: 'path missing does not exist in this repository' },
    ],
    [
      src({ path: '../..', repoURL: 'https://github.com/example/gitops' }),
      { kind: 'invalid', field: 'path', message: 'path ../.. does not exist in this repository' },
    ],
    [
      src({ chart: 'nginx', repoURL: 'https://charts.example.com' }),
      { kind: 'external', reason: 'source outside this repository: https://charts.example.com' },
    ],
    [src({ ref: 'values' }), { kind: 'refOnly' }],
    [
      src({ path: 'guestbook', helm: { releaseName: 'a' }, kustomize: { namePrefix: 'b' } }),
      { kind: 'invalid', field: 'path', message: 'multiple source types configured: helm, kustomize' },
    ],
  ])('resolves %j', (s, expected) => {
    expect(resolveSource(ROOT, s, ours)).toEqual(expected);
  });
});
