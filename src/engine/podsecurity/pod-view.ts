// Typed reads over a pod's JSON (metadata + spec), mirroring how Go sees the unmarshalled corev1 types.
import { getOwn, isObject, type JsonObject } from '../json.js';

/** The pod the checks look at: metadata and spec objects (empty when absent). */
export class PodView {
  #containers: readonly ContainerRef[] | undefined;

  constructor(
    readonly metadata: JsonObject,
    readonly spec: JsonObject,
  ) {}

  /** Every container of the spec (visitContainers), listed once for all the checks of the pod. */
  get containers(): readonly ContainerRef[] {
    return (this.#containers ??= visitContainers(this.spec));
  }
}

export type ContainerKind = 'initContainers' | 'containers' | 'ephemeralContainers';

/** One container with its field path, e.g. `spec.initContainers[0]`. */
export interface ContainerRef {
  readonly container: JsonObject;
  readonly kind: ContainerKind;
  readonly index: number;
  readonly path: string;
  readonly name: string;
}

/** Container kinds in pod-security-admission's visiting order. */
export const CONTAINER_KINDS: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers'];

// Every container of the pod: init containers, then containers, then ephemeral containers (PodView.containers).
function visitContainers(spec: JsonObject): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const kind of CONTAINER_KINDS) {
    list(spec, kind).forEach((c, index) => {
      const container = isObject(c) ? c : {};
      out.push({ container, kind, index, path: `spec.${kind}[${index}]`, name: str(container, 'name') });
    });
  }
  return out;
}

/** Nested object lookup; undefined when any step is missing, null or not an object (a nil pointer). */
export function obj(o: JsonObject | undefined, ...keys: string[]): JsonObject | undefined {
  let cur: JsonObject | undefined = o;
  for (const k of keys) {
    const next: unknown = cur ? getOwn(cur, k) : undefined;
    cur = isObject(next) ? next : undefined;
  }
  return cur;
}

/** A boolean pointer field: undefined when unset. */
export function bool(o: JsonObject | undefined, key: string): boolean | undefined {
  const v = o ? getOwn(o, key) : undefined;
  return typeof v === 'boolean' ? v : undefined;
}

/** A string field with Go's zero value "" when unset. */
export function str(o: JsonObject | undefined, key: string): string {
  const v = o ? getOwn(o, key) : undefined;
  return typeof v === 'string' ? v : '';
}

/** A string pointer field: undefined when unset. */
export function optStr(o: JsonObject | undefined, key: string): string | undefined {
  const v = o ? getOwn(o, key) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** A number pointer field: undefined when unset. */
export function num(o: JsonObject | undefined, key: string): number | undefined {
  const v = o ? getOwn(o, key) : undefined;
  return typeof v === 'number' ? v : undefined;
}

/** An array field; [] when unset. */
export function list(o: JsonObject | undefined, key: string): unknown[] {
  const v = o ? getOwn(o, key) : undefined;
  return Array.isArray(v) ? v : [];
}

/** A string array field: null elements read as "" (Go decodes them to the zero value), other non-strings dropped. */
export function strList(o: JsonObject | undefined, key: string): string[] {
  return list(o, key)
    .map((x) => (x === null ? '' : x))
    .filter((x): x is string => typeof x === 'string');
}

/** True when the key holds a non-null value (a set pointer). */
export function isSet(o: JsonObject | undefined, key: string): boolean {
  const v = o ? getOwn(o, key) : undefined;
  return v !== undefined && v !== null;
}

/** `securityContext` of a container or pod spec. */
export function securityContext(o: JsonObject | undefined): JsonObject | undefined {
  return obj(o, 'securityContext');
}

/** True when the pod declares `spec.os.name: windows`. */
export function isWindowsPod(spec: JsonObject): boolean {
  return str(obj(spec, 'os'), 'name') === 'windows';
}

/** Pod metadata annotations as string pairs, sorted by key for a stable order. */
export function annotations(metadata: JsonObject): [string, string][] {
  const a = obj(metadata, 'annotations') ?? {};
  return Object.keys(a)
    .sort()
    .flatMap((k) => (typeof a[k] === 'string' ? [[k, a[k]] as [string, string]] : []));
}
