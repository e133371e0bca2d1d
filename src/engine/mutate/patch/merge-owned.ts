// Kyverno merges a fresh copy of the resource, so kyaml changes nodes in place. Copying the whole resource per
// patch is most of the cost of a foreach, so the merge copies a resource node only when it is about to change it
// and shares the rest with the input: a node the merge may change in place is "owned".
import { copyObject, isObject, type JsonObject, type JsonValue } from '../../json.js';
import { compareByCodePoint } from '../../primitives/go-json.js';
import { setOwn } from './kyaml-node.js';

/** The nodes one merge may change in place: the patch's, and its copies of the resource's. */
export type Owned = Set<object>;

/** Mark `v` and everything below it owned (a patch the merge works on). */
export function ownAll(v: JsonValue, owned: Owned): void {
  if (v === null || typeof v !== 'object') return;
  owned.add(v);
  for (const child of Array.isArray(v) ? v : Object.values(v)) ownAll(child, owned);
}

/** `map` itself when owned, else an owned shallow copy with the same key order. */
export function ownMap(map: JsonObject, owned: Owned): JsonObject {
  if (owned.has(map)) return map;
  const copy = copyObject(map);
  owned.add(copy);
  return copy;
}

/**
 * `list` itself when owned, else an owned copy whose map and list elements are owned too: kyaml merges a list's
 * elements in place and then sets those same nodes back into the list, so an element must not be copied later.
 */
export function ownList(list: JsonValue[], owned: Owned): JsonValue[] {
  if (owned.has(list)) return list;
  const copy = list.map((e) => (Array.isArray(e) ? ownList(e, owned) : isObject(e) ? ownMap(e, owned) : e));
  owned.add(copy);
  return copy;
}

/**
 * `v` with map keys in Go's sorted order (Kyverno hands kyaml the resource as Go's encoding/json wrote it); parts
 * already sorted are shared, the maps it has to reorder are new (not owned: the merge copies the few it changes).
 */
export function sortedBase(v: JsonValue): JsonValue {
  if (Array.isArray(v)) {
    let out: JsonValue[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const e = v[i];
      const sorted = e !== null && typeof e === 'object' ? sortedBase(e) : e;
      if (sorted !== e) (out ??= v.slice())[i] = sorted;
    }
    return out ?? v;
  }
  if (!isObject(v)) return v;
  const keys = Object.keys(v);
  let out: JsonObject | undefined;
  if (!inGoOrderAll(keys)) {
    out = {};
    sortOutOfOrder(keys);
  }
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const c = v[k];
    const child = c !== null && typeof c === 'object' ? sortedBase(c) : c;
    if (child !== c && out === undefined) {
      out = {};
      for (let j = 0; j < i; j++) setOwn(out, keys[j], v[keys[j]]);
    }
    if (out !== undefined) setOwn(out, k, child);
  }
  return out ?? v;
}

/** Sort map keys in place in Go's order. */
export function sortKeysInGoOrder(keys: string[]): string[] {
  // Most maps: the resource came sorted, or the merge kept its order.
  return inGoOrderAll(keys) ? keys : sortOutOfOrder(keys);
}

// Sort keys known to be out of Go's order, in place.
function sortOutOfOrder(keys: string[]): string[] {
  // A map has a handful of keys: an insertion sort beats the default sort, which compares through ToString.
  if (keys.length > 16) return keys.sort(goKeyOrder);
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i;
    for (; j > 0 && inGoOrder(key, keys[j - 1]); j--) keys[j] = keys[j - 1];
    keys[j] = key;
  }
  return keys;
}

function inGoOrderAll(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (!inGoOrder(keys[i - 1], keys[i])) return false;
  return true;
}

/** Go's order of map keys, as a sort comparator. */
function goKeyOrder(a: string, b: string): number {
  if (a === b) return 0;
  return inGoOrder(a, b) ? -1 : 1;
}

/** `a` sorts before `b` by code points, as Go orders map keys; UTF-16 order agrees unless both units are ≥ U+D800. */
function inGoOrder(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x < 0xd800 || y < 0xd800 ? x < y : compareByCodePoint(a, b) < 0;
  }
  return a.length < b.length;
}
