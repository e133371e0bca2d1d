// What the engine is given, never reaches for: time and cluster lookups.
import type { JsonObject, JsonValue } from './json.js';

/** The current instant; tests pass a fixed one. */
export interface Clock {
  now(): Date;
}

/** Read access to cluster state: ConfigMaps, raw API calls, single resources and lists. */
export interface ClusterReader {
  /** A ConfigMap, or undefined when it does not exist. */
  getConfigMap(namespace: string, name: string): JsonObject | undefined;
  /** The response body of a GET/POST against a Kubernetes API path; throws with a message on failure. */
  apiCall(urlPath: string, method: 'GET' | 'POST', body?: JsonValue): JsonValue;
  /** One object by apiVersion, kind, namespace ('' for cluster-scoped) and name; undefined when absent. */
  getResource(apiVersion: string, kind: string, namespace: string, name: string): JsonObject | undefined;
  /** Objects of a kind in a namespace ('' for all or cluster-scoped), optionally filtered by labels. */
  listResources(
    apiVersion: string,
    kind: string,
    namespace: string,
    labels?: Readonly<Record<string, string>>,
  ): JsonObject[];
}

/** A clock frozen at one instant. */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}
