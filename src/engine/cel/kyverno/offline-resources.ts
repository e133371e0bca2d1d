// The `kyverno test` offline resource lookups (spec kyverno-cel-semantics §5.5 "resource", §6.6) as a ResourceService.
import type { JsonObject } from '../../json.js';
import { isObject } from '../../json.js';
import type { ResourceService } from './services.js';

/** A context-file object with the plural resource name the caller's REST mapping gave its kind. */
export interface OfflineResource {
  readonly resource: string;
  readonly object: JsonObject;
}

function metadataField(obj: JsonObject, field: 'name' | 'namespace'): string {
  const value = isObject(obj.metadata) ? obj.metadata[field] : undefined;
  return typeof value === 'string' ? value : '';
}

function gvrKey(apiVersion: string, resource: string): string {
  return `${apiVersion}|${resource}`;
}

/**
 * Lookups exact on GVR, namespace and name. Kyverno quirks: `list` with namespace `""` returns only objects
 * stored without namespace, ignores labels, and reports a GVR without objects as unknown (undefined).
 */
export function offlineResourceService(entries: readonly OfflineResource[]): ResourceService {
  const byGvr = new Map<string, JsonObject[]>();
  for (const { resource, object } of entries) {
    const key = gvrKey(String(object.apiVersion ?? ''), resource);
    byGvr.set(key, [...(byGvr.get(key) ?? []), object]);
  }
  const inNamespace = (apiVersion: string, resource: string, ns: string) =>
    byGvr.get(gvrKey(apiVersion, resource))?.filter((o) => metadataField(o, 'namespace') === ns);
  return {
    get: (apiVersion, resource, ns, name) =>
      inNamespace(apiVersion, resource, ns)?.find((o) => metadataField(o, 'name') === name),
    list: (apiVersion, resource, ns) => inNamespace(apiVersion, resource, ns),
  };
}
