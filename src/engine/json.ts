/** A JSON value as Kyverno's engine sees it: numbers are IEEE doubles. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A JSON object (a map with string keys). */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True for a plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own-property lookup that never reaches Object.prototype members such as `constructor`. */
export function getOwn(obj: JsonObject, key: string): JsonValue | undefined {
  const v = obj[key] as unknown;
  // What Object.prototype lends is a function, or for `__proto__` the prototype itself; JSON holds neither, so
  // only those need the (slower) own-property test.
  if (typeof v === 'function' || v === Object.prototype) return Object.hasOwn(obj, key) ? (v as JsonValue) : undefined;
  return v as JsonValue | undefined;
}

/** Deep structural equality of two JSON values (object key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  // Plain loops: a mutation compares whole resources, and closures cost more than the comparisons.
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Key loops rather than Object.keys lists: a mutation compares whole resources, node by node.
  let size = 0;
  for (const k in a as JsonObject) {
    if (!Object.hasOwn(b as object, k) || !deepEqual((a as JsonObject)[k], (b as JsonObject)[k])) return false;
    size++;
  }
  for (const _ in b as JsonObject) if (--size < 0) return false;
  return size === 0;
}

/**
 * A shallow copy of a JSON object that will have keys added. V8 gives a spread copy (`{ ...o }`) a shape that new keys
 * leave slowly (microseconds per added key, measured); a copy built key by key takes them as fast as any object.
 */
export function copyObject(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k in o) {
    // A plain assignment to `__proto__` would set the prototype, not a key (JSON.parse makes it an own key).
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: o[k], enumerable: true, writable: true, configurable: true });
    else out[k] = o[k];
  }
  return out;
}

/** A deep copy of a JSON value. */
export function cloneJson<T extends JsonValue>(v: T): T {
  return structuredClone(v);
}
