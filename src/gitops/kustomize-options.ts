// Argo CD's `spec.source.kustomize` options as an overlay kustomization placed over the source directory.
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { isObject, type JsonObject, type JsonValue } from '../engine/index.js';

/** The overlay to build instead of the source, and the options it could not express. */
export interface KustomizeOverlay {
  /** The overlay kustomization, or undefined when no option needs one. */
  readonly kustomization?: JsonObject;
  readonly unsupported: string[];
}

const PASS_THROUGH = ['namePrefix', 'nameSuffix', 'namespace', 'commonAnnotations', 'replicas'];
const IGNORED = ['forceCommonLabels', 'forceCommonAnnotations', 'labelWithoutSelector'];

/**
 * Argo CD runs `kustomize edit set …` on the source kustomization; we build an overlay over it instead.
 * Difference: an existing namePrefix/nameSuffix in the source is extended here, where Argo CD replaces it.
 */
export function kustomizeOverlay(
  opts: JsonObject | undefined,
  overlayDir: string,
  sourceDir: string,
): KustomizeOverlay {
  const k: JsonObject = {};
  const unsupported: string[] = [];
  for (const [key, value] of Object.entries(opts ?? {})) {
    if (PASS_THROUGH.includes(key)) k[key] = value;
    else if (key === 'images' && Array.isArray(value)) k.images = value.map((v) => parseImageOverride(String(v)));
    else if (key === 'commonLabels' && isObject(value)) k.labels = [labelsEntry(value, opts?.labelWithoutSelector)];
    else if (key === 'components' && Array.isArray(value))
      k.components = value.map((c) => rel(overlayDir, sourceDir, c));
    else if (key === 'patches' && Array.isArray(value)) k.patches = value.map((p) => inlinePatch(p, sourceDir));
    else if (!IGNORED.includes(key) && !isEmpty(value)) unsupported.push(key);
  }
  if (Object.keys(k).length === 0) return { unsupported };
  const resources = [rel(overlayDir, sourceDir, '.')];
  return {
    kustomization: { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources, ...k },
    unsupported,
  };
}

/** `[old=]name[:tag|@digest]` (kustomize edit set image syntax) → a kustomize `images` entry. */
export function parseImageOverride(spec: string): JsonObject {
  const eq = spec.indexOf('=');
  const name = eq >= 0 ? spec.slice(0, eq) : undefined;
  const target = eq >= 0 ? spec.slice(eq + 1) : spec;
  const at = target.indexOf('@');
  const colon = target.lastIndexOf(':');
  const entry: JsonObject = {};
  let image = target;
  if (at >= 0) [image, entry.digest] = [target.slice(0, at), target.slice(at + 1)];
  else if (colon > target.lastIndexOf('/')) [image, entry.newTag] = [target.slice(0, colon), target.slice(colon + 1)];
  if (name === undefined) return { name: image, ...entry };
  return { name, newName: image, ...entry };
}

function labelsEntry(pairs: JsonObject, withoutSelector: JsonValue | undefined): JsonObject {
  // Argo CD's commonLabels reach selectors and templates, unless labelWithoutSelector is set.
  return withoutSelector === true ? { pairs } : { pairs, includeSelectors: true, includeTemplates: true };
}

function inlinePatch(p: JsonValue, sourceDir: string): JsonValue {
  // kustomize only loads patch files below the overlay, so a file patch is inlined.
  if (!isObject(p) || typeof p.path !== 'string') return p;
  const { path, ...rest } = p;
  return { ...rest, patch: readFileSync(resolve(sourceDir, path as string), 'utf8') };
}

function rel(from: string, sourceDir: string, p: JsonValue): string {
  return relative(from, resolve(sourceDir, String(p)))
    .split(sep)
    .join('/');
}

function isEmpty(v: JsonValue): boolean {
  return (
    v === null ||
    v === '' ||
    v === false ||
    (Array.isArray(v) && v.length === 0) ||
    (isObject(v) && Object.keys(v).length === 0)
  );
}
