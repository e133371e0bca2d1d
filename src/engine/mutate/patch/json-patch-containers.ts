// Kyverno: spec §8.4 — the container operations of evanphx/json-patch v5 with Kyverno's options
// (SupportNegativeIndices, AllowMissingPathOnRemove); arrays and objects are changed in place.
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { PatchError } from './errors.js';
import { setOwn } from './kyaml-node.js';

/** A node that can hold children. */
export type Container = JsonObject | JsonValue[];

/** The child `key` of a container; `missing` for an absent key, PatchError for a bad or out-of-range index. */
export function getChild(c: Container, key: string): JsonValue | 'missing' {
  if (!Array.isArray(c)) return Object.hasOwn(c, key) ? c[key] : 'missing';
  const idx = resolveIndex(parseIndex(key), c.length);
  if (idx < 0 || idx >= c.length) throw new PatchError(`Unable to access invalid index: ${key}`);
  return c[idx];
}

/** Add: set an object key, or insert into an array (`-` appends, negative indices count from the end). */
export function addChild(c: Container, key: string, value: JsonValue): void {
  if (!Array.isArray(c)) return setOwn(c, key, value);
  if (key === '-') {
    c.push(value);
    return;
  }
  const idx = resolveIndex(parseIndex(key, `value was not a proper array index: '${key}'`), c.length + 1);
  if (idx < 0 || idx > c.length) throw new PatchError(`Unable to access invalid index: ${key}`);
  c.splice(idx, 0, value);
}

/** Replace an existing child (callers check that it exists). */
export function setChild(c: Container, key: string, value: JsonValue): void {
  if (!Array.isArray(c)) return setOwn(c, key, value);
  const idx = resolveIndex(parseIndex(key), c.length);
  if (idx < 0 || idx >= c.length) throw new PatchError(`Unable to access invalid index: ${key}`);
  c[idx] = value;
}

/** Remove a child; Kyverno: a missing key or an out-of-range index is not an error. */
export function removeChild(c: Container, key: string): void {
  if (!Array.isArray(c)) {
    delete c[key];
    return;
  }
  const idx = resolveIndex(parseIndex(key), c.length);
  if (idx >= 0 && idx < c.length) c.splice(idx, 1);
}

/** Objects and arrays are containers. */
export function isContainer(v: JsonValue | 'missing'): v is Container {
  return Array.isArray(v) || isObject(v);
}

/** Go strconv.Atoi. */
export function parseIndex(key: string, message = `strconv.Atoi: parsing "${key}": invalid syntax`): number {
  if (!/^[+-]?\d+$/.test(key)) throw new PatchError(message);
  const n = Number(key);
  if (!Number.isSafeInteger(n)) throw new PatchError(`strconv.Atoi: parsing "${key}": value out of range`);
  return n;
}

/** Negative indices count from the end of a list of length `len`. */
function resolveIndex(idx: number, len: number): number {
  return idx < 0 ? idx + len : idx;
}
