// Kyverno CLI: where `resource.Get/List` read from offline (kyverno-cel-semantics §5.5 "resource", §6.6): a test's
// context file, or the given objects as a small cluster.
import type { JsonObject } from '../../json.js';
import { isObject } from '../../json.js';
import { pluralResourceOf } from '../../kube/rest-mapping.js';
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
    const group = byGvr.get(key);
    if (group) group.push(object);
    else byGvr.set(key, [object]);
  }
  const inNamespace = (apiVersion: string, resource: string, ns: string) =>
    byGvr.get(gvrKey(apiVersion, resource))?.filter((o) => metadataField(o, 'namespace') === ns);
  return {
    get: (apiVersion, resource, ns, name) =>
      inNamespace(apiVersion, resource, ns)?.find((o) => metadataField(o, 'name') === name),
    list: (apiVersion, resource, ns) => inNamespace(apiVersion, resource, ns),
  };
}

/** The `context` file's objects, keyed by the GVR of their kind (offline quirks of offlineResourceService). */
export function contextResourceService(
  objects: readonly JsonObject[],
  crds?: ReadonlyMap<string, string>,
): ResourceService {
  return offlineResourceService(
    objects.map((object) => ({
      object,
      resource: pluralResourceOf(String(object.apiVersion), String(object.kind), crds),
    })),
  );
}

/**
 * The given objects as a cluster (Kyverno's fake cluster of `clusterResources`, and the resources of `apply`/`check`):
 * real cluster semantics — List with namespace `""` spans all namespaces, labels filter.
 */
export function inMemoryResourceService(
  objects: readonly JsonObject[],
  crds?: ReadonlyMap<string, string>,
): ResourceService {
  const ofGvr = (apiVersion: string, resource: string) =>
    objects.filter(
      (o) => o.apiVersion === apiVersion && pluralResourceOf(apiVersion, String(o.kind), crds) === resource,
    );
  return {
    get: (apiVersion, resource, ns, name) =>
      ofGvr(apiVersion, resource).find(
        (o) => metadataField(o, 'namespace') === ns && metadataField(o, 'name') === name,
      ),
    list: (apiVersion, resource, ns, labels) => {
      const items = ofGvr(apiVersion, resource).filter((o) => ns === '' || metadataField(o, 'namespace') === ns);
      return items.filter((o) => Object.entries(labels ?? {}).every(([k, v]) => labelOf(o, k) === v));
    },
  };
}

function labelOf(o: JsonObject, key: string): string | undefined {
  const labels = isObject(o.metadata) ? o.metadata.labels : undefined;
  return isObject(labels) && typeof labels[key] === 'string' ? labels[key] : undefined;
}
