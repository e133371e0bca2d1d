// Which tool Argo CD would render an Application source with, and where the source lives.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isObject, type JsonObject } from '../engine/index.js';
import { normalizeRepoURL } from './repo-urls.js';
import { resolveInsideRepo } from './repo-paths.js';
import type { ApplicationSource } from './types.js';

/** The renderer a source needs. */
export type SourceType = 'directory' | 'kustomize' | 'helm';

/** A source, resolved against this repository. */
export type ResolvedSource =
  | { readonly kind: 'local'; readonly dir: string; readonly type: SourceType }
  | { readonly kind: 'external'; readonly reason: string }
  | { readonly kind: 'refOnly' }
  | { readonly kind: 'invalid'; readonly message: string; readonly field: string };

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Resolve a source: this repository when its repoURL is one of `repoURLs` or its path exists in `root`. */
export function resolveSource(root: string, s: ApplicationSource, repoURLs: ReadonlySet<string>): ResolvedSource {
  if (s.path === undefined && s.ref !== undefined && !s.chart) return { kind: 'refOnly' };
  const dir = s.path !== undefined && !s.chart ? resolveInsideRepo(root, s.path) : undefined;
  const ours = repoURLs.has(normalizeRepoURL(s.repoURL));
  if (dir === undefined && !(ours && s.path !== undefined && !s.chart))
    return { kind: 'external', reason: `source outside this repository: ${s.repoURL || s.chart || '(no repoURL)'}` };
  if (dir === undefined)
    return { kind: 'invalid', field: 'path', message: `path ${s.path} does not exist in this repository` };
  const explicit = explicitTypes(s);
  if (explicit.length > 1)
    return { kind: 'invalid', field: 'path', message: `multiple source types configured: ${explicit.join(', ')}` };
  return { kind: 'local', dir, type: explicit[0] ?? discoverType(dir) };
}

// Argo CD: a non-empty helm/kustomize/directory block chooses the type; an empty one does not.
function explicitTypes(s: ApplicationSource): SourceType[] {
  const set = (o: JsonObject | undefined) => o !== undefined && Object.values(o).some(nonZero);
  const types: SourceType[] = [];
  if (set(s.helm)) types.push('helm');
  if (set(s.kustomize)) types.push('kustomize');
  if (set(s.directory)) types.push('directory');
  return types;
}

function nonZero(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return v !== false && v !== '' && v !== null && v !== 0;
}

/** Argo CD discovery: Chart.yaml → Helm, a kustomization file → Kustomize, else plain directory. */
export function discoverType(dir: string): SourceType {
  if (existsSync(join(dir, 'Chart.yaml'))) return 'helm';
  if (findKustomization(dir) !== undefined) return 'kustomize';
  return 'directory';
}

/** The kustomization file of `dir`, if any. */
export function findKustomization(dir: string): string | undefined {
  return KUSTOMIZATION_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
}
