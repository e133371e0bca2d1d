// Editing the metadata of a generated object the way Kubernetes' unstructured setters do.
import { isObject, type JsonObject } from '../json.js';

/** Fields the API server owns; they never travel from a clone source or from data into a new object. */
const SERVER_FIELDS = ['uid', 'selfLink', 'creationTimestamp', 'managedFields', 'resourceVersion'] as const;

/** The object's metadata map, created when missing. */
export function metadataOf(obj: JsonObject): JsonObject {
  if (!isObject(obj.metadata)) obj.metadata = {};
  return obj.metadata as JsonObject;
}

/** Set a metadata string field; an empty value removes it (like unstructured.SetNamespace("")). */
export function setMetadataField(obj: JsonObject, key: 'name' | 'namespace', value: string): void {
  const md = metadataOf(obj);
  if (value === '') delete md[key];
  else md[key] = value;
}

/** The object's labels as a mutable map of strings, created when missing. */
export function labelsOf(obj: JsonObject): JsonObject {
  const md = metadataOf(obj);
  if (!isObject(md.labels)) md.labels = {};
  return md.labels as JsonObject;
}

/** Remove the server-owned metadata fields (uid, selfLink, creationTimestamp, managedFields, resourceVersion). */
export function dropServerFields(obj: JsonObject): void {
  const md = metadataOf(obj);
  for (const k of SERVER_FIELDS) delete md[k];
}

/** Copy the server-owned metadata fields of `from` onto `to` (an update keeps the live object's identity). */
export function carryServerFields(to: JsonObject, from: JsonObject, keys: readonly string[] = SERVER_FIELDS): void {
  const src = isObject(from.metadata) ? from.metadata : {};
  const md = metadataOf(to);
  for (const k of keys) {
    if (Object.hasOwn(src, k)) md[k] = src[k];
  }
}
