// Rendering every source of one Application as Argo CD would, with its destination namespace applied.
import { isClusterScopedKind, isObject, type SourceDocument } from '../engine/index.js';
import { GlobSyntaxError } from './argo-glob.js';
import { classifyDocuments, type ClassifiedDocuments } from './classify.js';
import type { RepoFileCache } from './file-cache.js';
import { renderDirectory } from './render-directory.js';
import { renderHelm } from './render-helm.js';
import { renderKustomize } from './render-kustomize.js';
import type { SourceRender } from './render-result.js';
import { withNamespace } from './repo-documents.js';
import { resolveSource } from './source-type.js';
import type { ApplicationModel, ApplicationSource, Renderers, RepositoryError, SkippedEntry } from './types.js';

/** What rendering an Application yields. */
export interface ApplicationRender {
  readonly documents: ClassifiedDocuments;
  readonly errors: RepositoryError[];
  readonly skipped: SkippedEntry[];
  readonly missingTools: string[];
  readonly usedDirs: string[];
  /** Repo-relative paths of rendered sources, repoURLs of the others. */
  readonly sources: string[];
}

/** Shared state for rendering. */
export interface RenderContext {
  readonly root: string;
  readonly renderers: Renderers;
  readonly cache: RepoFileCache;
  readonly repoURLs: ReadonlySet<string>;
}

/** Render all sources of `app`; namespaced objects without a namespace get the destination namespace. */
export function renderApplication(app: ApplicationModel, ctx: RenderContext): ApplicationRender {
  const rendered: SourceDocument[] = [];
  const out: Omit<ApplicationRender, 'documents'> = {
    errors: [],
    skipped: [],
    missingTools: [],
    usedDirs: [],
    sources: [],
  };
  const note = (reason: string) => out.skipped.push({ path: `${app.file}:${app.name}`, reason });
  if (app.sources.length === 0) note(`Application ${app.name} has no source`);
  for (const source of app.sources) {
    const r = renderSource(app, source, ctx, note, out.sources);
    if (!r) continue;
    rendered.push(...r.documents);
    out.errors.push(...r.errors);
    out.skipped.push(...r.skipped);
    out.usedDirs.push(...r.usedDirs);
    if (r.missingTool) out.missingTools.push(r.missingTool);
  }
  const documents = classifyDocuments(rendered);
  const ns = app.destinationNamespace;
  const inject = (d: SourceDocument) => (ns && needsNamespace(d) ? withNamespace(d, ns) : d);
  return {
    ...out,
    documents: { ...documents, resources: documents.resources.map(inject), policies: documents.policies.map(inject) },
  };
}

function renderSource(
  app: ApplicationModel,
  source: ApplicationSource,
  ctx: RenderContext,
  note: (reason: string) => void,
  sources: string[],
): SourceRender | undefined {
  const resolved = resolveSource(ctx.root, source, ctx.repoURLs);
  if (resolved.kind === 'refOnly') return undefined;
  if (resolved.kind === 'external') {
    sources.push(source.repoURL);
    note(resolved.reason);
    return undefined;
  }
  if (resolved.kind === 'invalid') return errorRender(app, [...source.fieldPath, resolved.field], resolved.message);
  sources.push(ctx.cache.relative(resolved.dir));
  if (resolved.type === 'kustomize') return renderKustomize(ctx.root, app, source, resolved.dir, ctx);
  if (resolved.type === 'helm') return renderHelm(ctx.root, app, source, resolved.dir, ctx);
  try {
    return { ...renderDirectory(ctx.root, resolved.dir, source.directory, ctx.cache), usedDirs: [resolved.dir] };
  } catch (e) {
    if (!(e instanceof GlobSyntaxError)) throw e;
    return errorRender(app, [...source.fieldPath, 'directory'], e.message);
  }
}

function errorRender(app: ApplicationModel, path: (string | number)[], message: string): SourceRender {
  const at = app.locate(path);
  return {
    documents: [],
    errors: [{ file: at.file, line: at.line, message: `Application ${app.name}: ${message}` }],
    skipped: [],
    usedDirs: [],
  };
}

// Kubernetes (kubectl apply -n): namespaced objects without a namespace land in the destination namespace.
function needsNamespace(d: SourceDocument): boolean {
  const v = d.value;
  if (!isObject(v) || typeof v.kind !== 'string' || isClusterScopedKind(v.kind)) return false;
  const md = v.metadata;
  return !(isObject(md) && typeof md.namespace === 'string' && md.namespace !== '');
}
