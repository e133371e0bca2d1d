// Kyverno CLI: where `resource.Get/List` read from in a test (kyverno-cel-semantics §5.5 "resource", §6.6).
import { isObject, type JsonObject } from '../../engine/json.js';
import type { ResourceService } from '../../engine/cel/kyverno/index.js';
import { offlineResourceService } from '../../engine/cel/kyverno/offline-resources.js';
import { pluralResourceOf } from './resource-names.js';

const metadataOf = (o: JsonObject) => (isObject(o.metadata) ? o.metadata : {});
const nameOf = (o: JsonObject) => String(metadataOf(o).name ?? '');
const namespaceOf = (o: JsonObject) => String(metadataOf(o).namespace ?? '');

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
 * Kyverno: with `clusterResources` the libraries read a fake cluster of the test's resources, targets, params and
 * cluster resources — real cluster semantics: List with namespace `""` spans all namespaces, labels filter.
 */
export function fakeClusterResourceService(
  objects: readonly JsonObject[],
  crds?: ReadonlyMap<string, string>,
): ResourceService {
  const ofGvr = (apiVersion: string, resource: string) =>
    objects.filter(
      (o) => o.apiVersion === apiVersion && pluralResourceOf(apiVersion, String(o.kind), crds) === resource,
    );
  return {
    get: (apiVersion, resource, ns, name) =>
      ofGvr(apiVersion, resource).find((o) => namespaceOf(o) === ns && nameOf(o) === name),
    list: (apiVersion, resource, ns, labels) => {
      const items = ofGvr(apiVersion, resource).filter((o) => ns === '' || namespaceOf(o) === ns);
      return items.filter((o) => Object.entries(labels ?? {}).every(([k, v]) => labelOf(o, k) === v));
    },
  };
}

function labelOf(o: JsonObject, key: string): string | undefined {
  const labels = metadataOf(o).labels;
  return isObject(labels) && typeof labels[key] === 'string' ? labels[key] : undefined;
}
