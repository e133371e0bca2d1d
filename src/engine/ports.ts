// What the engine is given, never reaches for: time, cluster lookups and logging.
import type { JsonObject, JsonValue } from './json.js';

/** The current instant; tests pass a fixed one. */
export interface Clock {
  now(): Date;
}

/** Read access to cluster state: ConfigMaps, raw API calls, single resources. */
export interface ClusterReader {
  /** A ConfigMap, or undefined when it does not exist. */
  getConfigMap(namespace: string, name: string): JsonObject | undefined;
  /** The response body of a GET/POST against a Kubernetes API path; throws with a message on failure. */
  apiCall(urlPath: string, method: 'GET' | 'POST', body?: JsonValue): JsonValue;
}

/** Diagnostic logging the engine may emit (never required). */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/** A clock frozen at one instant. */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, warn() {} };
