// Kyverno's CLI loads a resource file with the map fields that are written without a value (`annotations:`, as
// some Helm charts render them) as empty maps, at any depth; Tollgate's CLI commands read files the same way.
import { isObject, type JsonObject, type JsonValue } from '../json.js';

// The fields Kyverno's loader treats so (cmd/cli/kubectl-kyverno/resource: normalizeNilMaps).
const MAP_FIELDS = new Set(['annotations', 'labels', 'matchLabels', 'nodeSelector', 'data', 'stringData']);

/** `resource` with null `annotations`, `labels`, `matchLabels`, `nodeSelector`, `data` and `stringData` as `{}`. */
export function withEmptyNullMaps(resource: JsonObject): JsonObject {
  return hasNullMap(resource) ? (normalized(resource) as JsonObject) : resource;
}

function hasNullMap(v: JsonValue): boolean {
  if (Array.isArray(v)) return v.some((x) => isObject(x) && hasNullMap(x));
  if (!isObject(v)) return false;
  return Object.entries(v).some(([k, x]) => (x === null ? MAP_FIELDS.has(k) : hasNullMap(x)));
}

function normalized(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map((x) => (isObject(x) ? normalized(x) : x));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) out[k] = x === null && MAP_FIELDS.has(k) ? {} : normalized(x);
  return out;
}
