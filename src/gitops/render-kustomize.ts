// Rendering a Kustomize Application source with `kustomize build` (or `kubectl kustomize`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { isObject, type JsonObject } from '../engine/index.js';
import type { RepoFileCache } from './file-cache.js';
import { kustomizeOverlay } from './kustomize-options.js';
import { collectRenderOutput, type SourceRender } from './render-result.js';
import { DefinitionIndex, kustomizeTree } from './source-map.js';
import { overrideAware } from './override-locator.js';
import { findKustomization } from './source-type.js';
import type { ApplicationModel, ApplicationSource, RenderOutput, Renderers } from './types.js';

/** Render the kustomization in `dir`; rendered objects point at the repo file defining the same kind/name. */
export function renderKustomize(
  root: string,
  app: ApplicationModel,
  source: ApplicationSource,
  dir: string,
  ctx: { renderers: Renderers; cache: RepoFileCache },
): SourceRender {
  const tree = kustomizeTree(root, dir);
  const index = new DefinitionIndex(root, tree, ctx.cache);
  const fallback = { file: ctx.cache.relative(findKustomization(dir) ?? dir), line: 1, column: 1 };
  const { output, unsupported } = buildWithOptions(dir, source.kustomize, ctx.renderers);
  const r = collectRenderOutput(
    app,
    source,
    output,
    (value) => {
      const def = index.find(kindOf(value), nameOf(value));
      return def ? overrideAware(def, value, tree, ctx.cache) : fallback;
    },
    ctx.cache.strings,
  );
  const notes = unsupported.map((o) => ({
    path: `${app.file}:${app.name}`,
    reason: `spec.source.kustomize.${o} is not supported; rendered without it`,
  }));
  return { ...r, skipped: [...r.skipped, ...notes], usedDirs: tree.dirs };
}

function buildWithOptions(
  dir: string,
  opts: JsonObject | undefined,
  renderers: Renderers,
): { output: RenderOutput; unsupported: string[] } {
  const overlayDir = mkdtempSync(join(tmpdir(), 'tollgate-kustomize-'));
  try {
    const overlay = kustomizeOverlay(opts, overlayDir, dir);
    if (!overlay.kustomization) return { output: renderers.kustomize(dir), unsupported: overlay.unsupported };
    writeFileSync(join(overlayDir, 'kustomization.yaml'), stringify(overlay.kustomization));
    return { output: renderers.kustomize(overlayDir), unsupported: overlay.unsupported };
  } catch (e) {
    return { output: { kind: 'failed', tool: 'kustomize', stderr: (e as Error).message }, unsupported: [] };
  } finally {
    rmSync(overlayDir, { recursive: true, force: true });
  }
}

function kindOf(v: JsonObject): string {
  return typeof v.kind === 'string' ? v.kind : '';
}

function nameOf(v: JsonObject): string {
  const md = v.metadata;
  return isObject(md) && typeof md.name === 'string' ? md.name : '';
}
