// The I/O surface of Kyverno's CEL libraries (spec kyverno-cel-semantics §5.5, §6.6): the engine stays pure,
// callers plug in a cluster, mocks or the offline CLI data.
import type { JsonObject, JsonValue } from '../../json.js';
import type { Clock } from '../../ports.js';

/** A GroupVersionResource, as returned by `resource.ToGVR`. */
export interface GroupVersionResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

/** Cluster reads and writes behind the `resource` variable. Methods throw Error on failure (permission, transport). */
export interface ResourceService {
  /** One object; undefined when it does not exist (Kyverno: `resource.Get` then yields `null`). */
  get(apiVersion: string, resource: string, namespace: string, name: string): JsonObject | undefined;
  /**
   * The items of a list; undefined when the GVR is unknown (Kyverno §5.5 quirk: an error for `List`).
   * Offline providers apply the CLI quirks themselves (namespace `""` exact, labels ignored).
   */
  list(
    apiVersion: string,
    resource: string,
    namespace: string,
    labels?: Readonly<Record<string, string>>,
  ): JsonObject[] | undefined;
  /** Creates an object and returns the server's answer; absent → `resource.Post` is an error (not offline). */
  post?(apiVersion: string, resource: string, namespace: string, data: JsonObject): JsonObject;
  /** REST mapping of a kind; absent or undefined → `resource.ToGVR` is an error (not offline). */
  toGVR?(apiVersion: string, kind: string): GroupVersionResource | undefined;
}

/**
 * Synchronous HTTP behind the `http` variable (already fetched or mocked). The service decides the result
 * shape: a real call returns the decoded JSON object with `statusCode` merged in (or `{body, statusCode}` for
 * non-objects); the CLI mock returns `{body, statusCode}` (Kyverno §5.5 quirk). Throws Error on failure.
 */
export interface HttpService {
  get(url: string, headers?: Readonly<Record<string, string>>): JsonValue;
  post(url: string, body: JsonValue, headers?: Readonly<Record<string, string>>): JsonValue;
  /** A client trusting the PEM bundle (`""` = default); absent → the same service is used. */
  client?(caBundle: string): HttpService;
}

/** Everything Kyverno's CEL libraries may read from outside one evaluation. */
export interface KyvernoCelServices {
  resources?: ResourceService;
  http?: HttpService;
  /** Registry metadata of an image reference (exact string key offline); undefined → error. */
  imageData?(ref: string): JsonObject | undefined;
  /** A GlobalContextEntry's data or named projection; undefined → `null`; throw for an unknown projection. */
  globalContext?(name: string, projection?: string): JsonValue | undefined;
  /** Receives generated objects (namespace already set) from `generator.Apply`; throw to fail the call. */
  generator?: { apply(namespace: string, objects: JsonObject[]): void };
  /** Time source of `time.now()` (bound through the `time` handle). */
  clock: Clock;
}
