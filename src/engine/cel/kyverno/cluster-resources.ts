// The `resource` library of a live evaluation (the webhook) over the engine's ClusterReader port: what the cluster
// cache holds is answered, a missing object is `null`, and a kind the cache does not hold is an error.
import { isObject, type JsonObject } from '../../json.js';
import type { ClusterReader } from '../../ports.js';
import type { ResourceService } from './services.js';

/** A ResourceService reading through `cluster.apiCall` (GET of the REST path of the object or collection). */
export function clusterResourceService(cluster: ClusterReader): ResourceService {
  return {
    get(apiVersion, resource, namespace, name) {
      try {
        const found = cluster.apiCall(restPath(apiVersion, resource, namespace, name), 'GET');
        return isObject(found) ? found : undefined;
      } catch (e) {
        // The cluster ports answer a missing object with `<resource> "<name>" not found`.
        if (/ not found$/.test((e as Error).message)) return undefined;
        throw e;
      }
    },
    list(apiVersion, resource, namespace) {
      const found = cluster.apiCall(restPath(apiVersion, resource, namespace), 'GET');
      return isObject(found) && Array.isArray(found.items) ? (found.items.filter(isObject) as JsonObject[]) : undefined;
    },
  };
}

/** `/api/v1/namespaces/ns/configmaps/name`, `/apis/apps/v1/deployments`, … */
export function restPath(apiVersion: string, resource: string, namespace: string, name?: string): string {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const scope = namespace ? `/namespaces/${namespace}` : '';
  return `${base}${scope}/${resource}${name === undefined ? '' : `/${name}`}`;
}
