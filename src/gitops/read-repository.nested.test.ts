import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRepository } from './index.js';
import type { HelmArgs, Renderers } from './types.js';

const ROOT = fileURLToPath(new URL('./testdata/app-of-apps', import.meta.url));

// A stand-in for `helm template`: substitutes `{{ .Values.child }}` in the chart's one template.
const helm = (a: HelmArgs) => {
  const template = readFileSync(join(a.chartDir, 'templates/child.yaml'), 'utf8');
  return {
    kind: 'ok' as const,
    stdout: `---\n# Source: apps/templates/child.yaml\n${template.replace('{{ .Values.child }}', 'child')}`,
  };
};
const renderers: Renderers = { kustomize: () => ({ kind: 'missing', tool: 'kustomize' }), helm };
const repo = readRepository(ROOT, { renderers, repoURLs: [] });

describe('Applications revealed by rendering (app of apps)', () => {
  it('renders an Application that only exists in rendered output', () => {
    expect(repo.applications.map((a) => a.name)).toEqual(['root', 'bad-glob', 'child']);
    expect(repo.applications[2]).toMatchObject({ file: 'charts/apps/templates/child.yaml', sources: ['workloads'] });
  });

  it("applies the child's destination namespace to its resources", () => {
    const cm = repo.resources.filter((d) => (d.value as any).kind === 'ConfigMap');
    expect(cm.map((d) => [d.file, (d.value as any).metadata.namespace])).toEqual([['workloads/cm.yaml', 'child-ns']]);
  });

  it('evaluates the rendered child Application itself, in the parent destination namespace', () => {
    const apps = repo.resources.filter((d) => (d.value as any).kind === 'Application' && d.file.startsWith('charts/'));
    expect(apps.map((d) => (d.value as any).metadata.namespace)).toEqual(['argocd']);
  });

  it('reports an invalid directory glob at the directory field', () => {
    expect(repo.errors).toEqual([
      { file: 'bootstrap/root.yaml', line: 20, message: 'Application bad-glob: invalid glob "{a,b": unclosed {' },
    ]);
  });

  it('notes a Helm chart that no Application uses instead of parsing its templates', () => {
    expect(repo.skipped).toContainEqual({
      path: 'charts/unused',
      reason: 'Helm chart not used by any Application here; not rendered',
    });
  });
});
