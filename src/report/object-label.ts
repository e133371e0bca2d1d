import { isObject, type JsonObject } from '../engine/index.js';

/** A Kubernetes object as `namespace/Kind/name` (`Kind/name` when cluster-scoped), for messages. */
export function describeObject(r: JsonObject): string {
  const md = isObject(r.metadata) ? r.metadata : {};
  return `${md.namespace ? `${String(md.namespace)}/` : ''}${String(r.kind)}/${String(md.name ?? '')}`;
}
