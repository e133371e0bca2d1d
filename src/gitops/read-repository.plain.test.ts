import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceDocument } from '../engine/source/documents.js';
import { readRepository } from './index.js';
import type { Renderers } from './types.js';

// A copy of testdata/plain, plus what git cannot carry well: node_modules, a binary, symlink loops.
const work = mkdtempSync(join(tmpdir(), 'tollgate-gitops-plain-'));
const root = join(work, 'repo');
cpSync(fileURLToPath(new URL('./testdata/plain', import.meta.url)), root, { recursive: true });
mkdirSync(join(root, 'node_modules/pkg'), { recursive: true });
writeFileSync(
  join(root, 'node_modules/pkg/x.yaml'),
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: in-node-modules}\n',
);
writeFileSync(join(root, 'binary.yaml'), Buffer.from([0x61, 0x00, 0x62, 0x0a]));
symlinkSync('..', join(root, 'nested/loop'));
mkdirSync(join(work, 'outside'));
writeFileSync(join(work, 'outside/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: outside-repo}\n');
symlinkSync(join(work, 'outside'), join(root, 'escape'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const noRenderers: Renderers = {
  kustomize: () => ({ kind: 'missing', tool: 'kustomize' }),
  helm: () => ({ kind: 'missing', tool: 'helm' }),
};
const repo = readRepository(root, { renderers: noRenderers, repoURLs: [] });
const names = (docs: SourceDocument[]) => docs.map((d) => (d.value as { metadata: { name: string } }).metadata.name);

describe('plain manifests', () => {
  it.each([
    ['web', 'deploy.yaml', 1],
    ['from-list-a', 'list.yaml', 4], // List items are unpacked, each at its own line
    ['from-list-b', 'list.yaml', 8],
    ['json-cm', 'nested/cm.json', 1],
  ])('reads %s from %s:%d', (name, file, line) => {
    const d = repo.resources.find((r) => names([r])[0] === name);
    expect([d?.file, d?.pos.line]).toEqual([file, line]);
  });

  it('reads every Kubernetes object once, and nothing else', () => {
    expect(names(repo.resources).sort()).toEqual([
      'before-broken',
      'from-list-a',
      'from-list-b',
      'json-cm',
      'web',
      'web',
    ]);
  });

  it('leaves namespaces of plain manifests untouched', () => {
    expect(repo.resources.map((d) => (d.value as any).metadata.namespace)).toContain(undefined);
  });

  it('returns Kyverno policies and exceptions separately', () => {
    expect(repo.policies.map((d) => `${d.file}:${(d.value as { kind: string }).kind}`).sort()).toEqual([
      'policies/exception.yaml:PolicyException',
      'policies/require-labels.yaml:ClusterPolicy',
    ]);
  });

  it('notes non-Kubernetes YAML instead of failing', () => {
    expect(repo.skipped).toContainEqual({
      path: 'values.yaml',
      reason: 'not a Kubernetes object (no apiVersion/kind); ignored',
    });
  });

  it('reports a YAML syntax error with its file and line and reads the rest', () => {
    expect(repo.errors).toHaveLength(1);
    expect(repo.errors[0]).toMatchObject({ file: 'broken.yaml', line: 9 }); // where the flow map should have closed
    expect(names(repo.resources)).toContain('before-broken');
  });

  it('notes a binary file', () => {
    expect(repo.skipped).toContainEqual({ path: 'binary.yaml', reason: 'binary file; skipped' });
  });

  it('does not follow a symlink loop', () => {
    expect(repo.skipped).toContainEqual({ path: 'nested/loop', reason: 'symlink loop; not followed' });
  });

  it('does not follow a symlink out of the repository', () => {
    expect(repo.skipped).toContainEqual({
      path: 'escape',
      reason: 'symlink points outside the repository; not followed',
    });
    expect(names(repo.resources)).not.toContain('outside-repo');
  });

  it('skips hidden directories and node_modules', () => {
    expect(names(repo.resources)).not.toContain('hidden-should-not-appear');
    expect(names(repo.resources)).not.toContain('in-node-modules');
  });

  it('finds no Applications and is complete', () => {
    expect([repo.applications, repo.incomplete]).toEqual([[], false]);
  });
});
