import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../engine/source/documents.js';
import { readRepository } from './index.js';
import { defaultRenderers } from './renderers.js';
import type { HelmArgs, RenderOutput, Renderers } from './types.js';

const ROOT = fileURLToPath(new URL('./testdata/argo', import.meta.url));
const REPO_URLS = ['https://github.com/example/gitops'];
const hasKustomizeTool = ['kustomize', 'kubectl'].some((t) => !spawnSync(t, ['version', '--client']).error);

const helmCalls: HelmArgs[] = [];
const fakeHelm = (a: HelmArgs): RenderOutput => {
  helmCalls.push(a);
  const stdout = `---\n# Source: web/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${a.releaseName}\n---\n# Source: web/templates/generated.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n`;
  return { kind: 'ok', stdout };
};
const renderers: Renderers = { kustomize: (dir) => defaultRenderers().kustomize(dir), helm: fakeHelm };
const repo = readRepository(ROOT, { repoURLs: REPO_URLS, renderers });

const meta = (d: SourceDocument) => (d.value as { metadata?: { name?: string; namespace?: string } }).metadata ?? {};
const kindOf = (d: SourceDocument) => (d.value as { kind: string }).kind;
const find = (kind: string, name: string) => repo.resources.filter((d) => kindOf(d) === kind && meta(d).name === name);
const one = (kind: string, name: string) => {
  const found = find(kind, name);
  expect(found, `${kind}/${name}`).toHaveLength(1);
  return found[0];
};

describe('Application with a directory source', () => {
  it.each([
    ['Deployment', 'guestbook-ui', 'guestbook/deployment.yaml', 'gb'], // namespaced: destination namespace injected
    ['Service', 'guestbook-ui', 'guestbook/service.yaml', 'fixed'], // an explicit namespace is kept
    ['Namespace', 'gb', 'guestbook/cluster.yaml', undefined], // cluster-scoped kinds never get one
    ['ClusterRole', 'guestbook-reader', 'guestbook/cluster.yaml', undefined],
  ])('%s/%s comes from %s with namespace %s', (kind, name, file, ns) => {
    const d = one(kind, name);
    expect(d.file).toBe(file);
    expect(meta(d).namespace).toBe(ns);
  });

  it('does not recurse by default', () => {
    expect(find('ConfigMap', 'guestbook-not-recursed')).toHaveLength(0);
  });

  it.each([
    ['rec-a', true], // top level, *.yaml
    ['rec-b', true], // recurse: true reaches sub/
    ['rec-c', false], // exclude {skip/*,…}
    ['rec-extra', false], // exclude {…,extra.yaml}
    ['rec-json', false], // include *.yaml leaves d.json out
  ])('recurse/include/exclude: %s rendered = %s', (name, rendered) => {
    expect(find('ConfigMap', name)).toHaveLength(rendered ? 1 : 0);
  });

  it('keeps the real file and line of each document', () => {
    const role = one('ClusterRole', 'guestbook-reader');
    expect([role.pos.line, role.locate(['rules']).line]).toEqual([6, 10]);
  });
});

describe('plain manifests next to Applications', () => {
  it('evaluates files outside every Application source as plain manifests (no namespace added)', () => {
    expect(meta(one('ConfigMap', 'loose')).namespace).toBeUndefined();
  });

  it('evaluates the Application and ApplicationSet objects themselves', () => {
    expect(one('Application', 'guestbook').file).toBe('apps/guestbook.yaml');
    expect(one('ApplicationSet', 'envs').file).toBe('appsets/list.yaml');
  });

  it('does not ignore-note the kustomization and chart files of rendered sources', () => {
    const notes = repo.skipped.map((s) => s.path);
    expect(notes).not.toContain('kustomize/base/kustomization.yaml');
    expect(notes).not.toContain('charts/web/values.yaml');
  });

  it('does not parse Helm templates as plain YAML', () => {
    expect(repo.errors.filter((e) => e.file.startsWith('charts/'))).toEqual([]);
  });
});

describe.skipIf(!hasKustomizeTool)('Kustomize sources (needs kustomize or kubectl on PATH)', () => {
  it.each([
    ['Deployment', 'prod-shop', 'kustomize/base/deployment.yaml', 'prod'],
    ['Service', 'prod-shop', 'kustomize/base/service.yaml', 'prod'],
    ['ConfigMap', 'prod-shop-config', 'kustomize/overlays/prod/configmap.yaml', 'shop-explicit'],
    ['ClusterRole', 'prod-shop-reader', 'kustomize/base/service.yaml', undefined],
  ])('overlay renders %s/%s, mapped to %s, namespace %s', (kind, name, file, ns) => {
    const d = one(kind, name);
    expect(d.file).toBe(file);
    expect(meta(d).namespace).toBe(ns);
  });

  it('maps a rendered object to the line of its definition', () => {
    expect(one('ClusterRole', 'prod-shop-reader').pos.line).toBe(11);
  });

  it('does not also evaluate the base and overlay files as plain manifests', () => {
    expect(find('Deployment', 'shop')).toHaveLength(0);
    expect(find('ConfigMap', 'shop-config')).toHaveLength(0);
  });

  it('applies Application kustomize options (namePrefix, nameSuffix, images, commonLabels)', () => {
    const d = one('Deployment', 'opt-shop-v2').value as any;
    expect(d.metadata.namespace).toBe('options');
    expect(d.spec.template.spec.containers[0].image).toBe('registry.example.com/nginx:1.27');
    expect(d.spec.selector.matchLabels.team).toBe('payments');
  });

  it('notes kustomize options it cannot apply', () => {
    expect(repo.skipped).toContainEqual({
      path: 'apps/kustomize-options.yaml:shop-options',
      reason: 'spec.source.kustomize.kubeVersion is not supported; rendered without it',
    });
  });
});

describe('Helm sources (faked renderer)', () => {
  it('passes release name, namespace, value files, inline values and parameters to helm', () => {
    expect(helmCalls).toHaveLength(1);
    const a = helmCalls[0];
    expect([a.releaseName, a.namespace, a.chartDir]).toEqual(['web-release', 'web', `${ROOT}/charts/web`]);
    expect(a.valueFiles[0]).toBe(`${ROOT}/charts/web/values-prod.yaml`);
    expect(a.valueFiles).toHaveLength(2); // the inline values file comes last
    expect([a.set, a.setString]).toEqual([['image.tag=1.27'], ['port=8080']]);
  });

  it('maps rendered objects to their template, else to Chart.yaml line 1', () => {
    const deploy = one('Deployment', 'web-release');
    expect([deploy.file, deploy.pos.line, meta(deploy).namespace]).toEqual([
      'charts/web/templates/deployment.yaml',
      3,
      'web',
    ]);
    const sa = one('ServiceAccount', 'sa');
    expect([sa.file, sa.pos.line]).toEqual(['charts/web/Chart.yaml', 1]);
  });

  it('is complete when every renderer is present', () => {
    expect(repo.incomplete).toBe(hasKustomizeTool ? false : true);
  });
});

describe('ApplicationSets', () => {
  it.each([
    ['env-dev', 'team-dev'],
    ['env-prod', 'team-prod'],
    ['env-dev', 'go-dev'],
  ])('list generator renders ConfigMap %s into namespace %s', (name, ns) => {
    expect(find('ConfigMap', name).filter((d) => meta(d).namespace === ns)).toHaveLength(1);
  });

  it('expands {{param}} and flattened {{ values.x }} in names', () => {
    const names = repo.applications.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['envs-dev-d', 'envs-prod-p', 'go-dev', 'go-prod']));
  });

  it('does not re-render element values as templates', () => {
    expect(repo.applications.find((a) => a.name === 'go-prod')?.destinationNamespace).toBe('{{ upper .cluster }}');
  });

  it('records generated Applications against the ApplicationSet file', () => {
    expect(repo.applications.find((a) => a.name === 'envs-dev-d')).toEqual({
      name: 'envs-dev-d',
      file: 'appsets/list.yaml',
      destinationNamespace: 'team-dev',
      selfHeal: false,
      sources: ['envs/dev'],
    });
  });

  it('notes a file shared by two generated Applications once', () => {
    expect(repo.skipped.filter((s) => s.path === 'envs/dev/notes.yaml')).toHaveLength(1);
  });

  it('skips unsupported generators with a reason', () => {
    expect(repo.skipped).toContainEqual({
      path: 'appsets/go-and-git.yaml:go-envs',
      reason: 'ApplicationSet go-envs: git generator is not supported; its Applications were not rendered',
    });
  });
});

describe('sources that cannot be rendered', () => {
  it('skips sources outside this repository', () => {
    expect(repo.skipped).toContainEqual({
      path: 'apps/external-and-broken.yaml:external',
      reason: 'source outside this repository: https://github.com/other/elsewhere.git',
    });
  });

  it('reports a missing path of this repository at the line of spec.sources[].path', () => {
    expect(repo.errors).toContainEqual({
      file: 'apps/external-and-broken.yaml',
      line: 23,
      message: 'Application broken-path: path does/not/exist does not exist in this repository',
    });
  });

  it('treats a missing path as outside when the repoURL is not known to be this repository', () => {
    const r = readRepository(ROOT, { repoURLs: [], renderers });
    expect(r.errors.filter((e) => e.message.includes('does/not/exist'))).toEqual([]);
    expect(r.skipped.map((s) => s.path)).toContain('apps/external-and-broken.yaml:broken-path');
  });
});

describe('missing renderers', () => {
  const missing: Renderers = {
    kustomize: () => ({ kind: 'missing', tool: 'kustomize' }),
    helm: () => ({ kind: 'missing', tool: 'helm' }),
  };
  const r = readRepository(ROOT, { repoURLs: REPO_URLS, renderers: missing });

  it.each([
    ['apps/helm-web.yaml:web', 'helm is not installed; Application web was not rendered'],
    ['apps/kustomize-prod.yaml:shop-prod', 'kustomize is not installed; Application shop-prod was not rendered'],
  ])('notes %s', (path, reason) => {
    expect(r.skipped).toContainEqual({ path, reason });
  });

  it('marks the run incomplete and still renders directory sources', () => {
    expect(r.incomplete).toBe(true);
    expect(r.resources.some((d) => meta(d).name === 'guestbook-ui')).toBe(true);
  });

  it('does not fall back to evaluating the unrendered sources as plain manifests', () => {
    expect(r.resources.some((d) => meta(d).name === 'shop')).toBe(false);
  });
});

describe('failing renderers', () => {
  const failing: Renderers = {
    kustomize: () => ({ kind: 'failed', tool: 'kustomize', stderr: '\nError: accumulating resources: boom\nmore' }),
    helm: () => ({ kind: 'failed', tool: 'helm', stderr: 'Error: parse error in deployment.yaml' }),
  };
  const r = readRepository(ROOT, { repoURLs: REPO_URLS, renderers: failing });

  it.each([
    ['apps/kustomize-prod.yaml', 8, 'Application shop-prod: kustomize failed: Error: accumulating resources: boom'],
    ['apps/helm-web.yaml', 8, 'Application web: helm failed: Error: parse error in deployment.yaml'],
  ])('reports %s:%d with the first stderr line', (file, line, message) => {
    expect(r.errors).toContainEqual({ file, line, message });
  });
});
