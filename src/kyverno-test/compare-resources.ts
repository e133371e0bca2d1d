// Kyverno: spec §14.5 step 4 — how expected and actual resources are compared.
import { deepEqual, isObject, type JsonObject, type JsonValue } from '../engine/index.js';

/** Normalise a resource for comparison: Kyverno's managed-by label forced, generate labels dropped, empties removed. */
export function normalizeForComparison(r: JsonObject): JsonValue {
  const md = isObject(r.metadata) ? r.metadata : {};
  const labels = isObject(md.labels) ? { ...md.labels } : {};
  for (const k of Object.keys(labels)) if (k.startsWith('generate.kyverno.io/')) delete labels[k];
  labels['app.kubernetes.io/managed-by'] = 'kyverno';
  return pruneEmpty({ ...r, metadata: { ...md, labels } }) ?? {};
}

/** Recursively drop nulls, empty maps and empty lists. */
export function pruneEmpty(v: JsonValue): JsonValue | undefined {
  if (v === null) return undefined;
  if (Array.isArray(v)) {
    const items = v.map(pruneEmpty).filter((x): x is JsonValue => x !== undefined);
    return items.length ? items : undefined;
  }
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      const p = pruneEmpty(x);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

/** True when two resources are equal after normalisation. */
export function sameResource(expected: JsonObject, actual: JsonObject): boolean {
  return deepEqual(normalizeForComparison(expected), normalizeForComparison(actual));
}

/** Identity used to look an expected resource up: apiVersion, kind, namespace, name. */
export function identityOf(r: JsonObject): string {
  const md = isObject(r.metadata) ? r.metadata : {};
  return `${String(r.apiVersion)}|${String(r.kind)}|${String(md.namespace ?? '')}|${String(md.name ?? '')}`;
}

/**
 * Kyverno §14.5: compare `actual` with the entry of the same identity in an expected file. undefined when equal,
 * 'dropped' when the file lacks it (the row is silently dropped unless `failOnMissing`), else a description.
 */
export function patchedDiff(
  file: string,
  expected: readonly JsonObject[],
  actual: JsonObject,
  failOnMissing: boolean | undefined,
): string | 'dropped' | undefined {
  const match = expected.find((x) => identityOf(x) === identityOf(actual));
  if (!match) return failOnMissing ? `${file} has no ${identityOf(actual)}` : 'dropped';
  return sameResource(match, actual) ? undefined : `patched resource differs from ${file}`;
}
