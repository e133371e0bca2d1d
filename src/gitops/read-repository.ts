// Reading a GitOps repository as Argo CD would apply it: plain manifests plus rendered Applications.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type SourceDocument } from '../engine/index.js';
import { applicationFromDocument } from './application.js';
import { expandApplicationSet } from './application-set.js';
import { classifyDocuments, type ClassifiedDocuments } from './classify.js';
import { RepoFileCache } from './file-cache.js';
import { renderApplication, type RenderContext } from './render-application.js';
import { defaultRenderers } from './renderers.js';
import { isWithin } from './repo-paths.js';
import { gitRemoteURLs, normalizeRepoURL } from './repo-urls.js';
import type { ApplicationModel, RepositoryContents, Renderers } from './types.js';
import { listManifestFiles } from './walk.js';

/** Options of readRepository. */
export interface ReadRepositoryOptions {
  /** Renderers to use instead of the helm/kustomize/kubectl on PATH. */
  readonly renderers?: Renderers;
  /** URLs that name this repository (default: its git remotes, when `root` is the top of a work tree). */
  readonly repoURLs?: readonly string[];
}

type Contents = { -readonly [K in keyof RepositoryContents]: RepositoryContents[K] };

/** Read the repository at `root`; problems are reported in the result, never thrown. */
export function readRepository(root: string, opts: ReadRepositoryOptions = {}): RepositoryContents {
  const absRoot = resolve(root);
  const ctx: RenderContext = {
    root: absRoot,
    renderers: opts.renderers ?? defaultRenderers(),
    cache: new RepoFileCache(absRoot),
    repoURLs: new Set((opts.repoURLs ?? gitRemoteURLs(absRoot)).map(normalizeRepoURL)),
  };
  const out: Contents = {
    resources: [],
    policies: [],
    errors: [],
    skipped: [],
    incomplete: false,
    applications: [],
    owners: new Map(),
  };
  const chartDirs: string[] = [];
  const walk = listManifestFiles(absRoot, absRoot, {
    recurse: true,
    excludeDir: (d) => (existsSync(join(d, 'Chart.yaml')) ? (chartDirs.push(d), '') : undefined),
  });
  out.errors.push(...walk.errors);
  out.skipped.push(...walk.skipped);
  const files = walk.files.map((abs) => ({ abs, read: ctx.cache.read(abs) }));
  const found = classifyDocuments(files.flatMap((f) => f.read.documents));
  const usedDirs = renderAll(found, ctx, out);
  for (const f of files.filter((f) => !usedDirs.some((d) => isWithin(d, f.abs)))) {
    out.errors.push(...f.read.errors);
    out.skipped.push(...f.read.skipped);
    addDocuments(out, classifyDocuments(f.read.documents));
  }
  for (const d of chartDirs.filter((c) => !usedDirs.includes(c)))
    out.skipped.push({
      path: ctx.cache.relative(d),
      reason: 'Helm chart not used by any Application here; not rendered',
    });
  // Two Applications sharing a directory meet the same files (and their problems) twice.
  return { ...out, errors: unique(out.errors), skipped: unique(out.skipped) };
}

function unique<T>(items: T[]): T[] {
  return [...new Map(items.map((i) => [JSON.stringify(i), i])).values()];
}

// Applications found in the repository, then those that rendering reveals (app-of-apps), each once.
function renderAll(found: ClassifiedDocuments, ctx: RenderContext, out: Contents): string[] {
  const usedDirs: string[] = [];
  const seen = new Set<string>();
  const queue: ApplicationModel[] = [];
  const enqueue = (docs: ClassifiedDocuments, fromRender: boolean) => {
    const apps = [...docs.applications.map(applicationFromDocument), ...expandAll(docs.applicationSets, out)];
    for (const app of apps) {
      if (fromRender && seen.has(app.name)) continue;
      seen.add(app.name);
      queue.push(app);
    }
  };
  enqueue(found, false);
  for (let app = queue.shift(); app; app = queue.shift()) {
    const r = renderApplication(app, ctx);
    out.errors.push(...r.errors);
    out.skipped.push(...r.skipped);
    usedDirs.push(...r.usedDirs);
    if (r.missingTools.length > 0) out.incomplete = true;
    out.applications.push({
      name: app.name,
      file: app.file,
      destinationNamespace: app.destinationNamespace,
      selfHeal: app.selfHeal,
      sources: r.sources,
    });
    addDocuments(out, r.documents);
    // The first Application to render a document owns it (two sharing a directory render it twice anyway).
    for (const d of r.documents.resources)
      if (!out.owners.has(d)) (out.owners as Map<SourceDocument, string>).set(d, app.name);
    enqueue(r.documents, true);
  }
  return usedDirs;
}

function expandAll(appSets: SourceDocument[], out: Contents): ApplicationModel[] {
  return appSets.flatMap((doc) => {
    const e = expandApplicationSet(doc);
    out.skipped.push(...e.skipped);
    return e.applications;
  });
}

function addDocuments(out: Contents, docs: ClassifiedDocuments): void {
  out.resources.push(...docs.resources);
  out.policies.push(...docs.policies);
  const files = new Set(docs.other.map((d) => d.file));
  for (const file of files)
    out.skipped.push({ path: file, reason: 'not a Kubernetes object (no apiVersion/kind); ignored' });
}
