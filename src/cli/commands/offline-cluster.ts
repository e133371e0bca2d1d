// Offline runs (`apply`, `check`): the given resources stand in for the cluster — clone sources, mutate-existing
// targets, context lookups and the CEL `resource` library read them (Kyverno CLI, kyverno-cel-semantics §6.6).
import {
  inMemoryResourceService,
  type ClusterReader,
  type Clock,
  type Evaluation,
  type EvaluationServices,
  type GeneratedObject,
  type JsonObject,
} from '../../engine/index.js';
import { MemoryCluster } from '../../cluster/memory-store.js';

/** Evaluation services of an offline run over `objects`. */
export function offlineServices(objects: readonly JsonObject[], clock: Clock): EvaluationServices {
  return { clock, cluster: lazyCluster(objects), cel: { resources: inMemoryResourceService(objects) } };
}

// The store copies every object, and most runs have no policy that reads the cluster: copy on the first read.
function lazyCluster(objects: readonly JsonObject[]): ClusterReader {
  let store: MemoryCluster | undefined;
  const cluster = () => (store ??= new MemoryCluster(objects));
  return {
    getConfigMap: (namespace, name) => cluster().getConfigMap(namespace, name),
    apiCall: (urlPath, method, body) => cluster().apiCall(urlPath, method, body),
    getResource: (apiVersion, kind, namespace, name) => cluster().getResource(apiVersion, kind, namespace, name),
    listResources: (apiVersion, kind, namespace, labels) =>
      cluster().listResources(apiVersion, kind, namespace, labels),
  };
}

/** The downstream objects an evaluation would create or update (Kyverno's CLI leaves out clone-source labels). */
export function downstreamObjects(evaluation: Evaluation): GeneratedObject[] {
  return evaluation.generated.filter((g) => !g.cloneSource);
}
