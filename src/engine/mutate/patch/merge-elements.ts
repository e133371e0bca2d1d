// Kyverno: spec §8.3 stage 2 — kyaml's list element primitives (ElementSetter, ElementMatcher, appendListNode),
// reproduced operation by operation because kustomize's list ordering and its quirks follow from them.
import { cloneJson, isObject, type JsonValue } from '../../json.js';
import { PatchError } from './errors.js';
import { isEmptyMap, isMissingOrNull, scalarText, wrongKind, type Node } from './kyaml-node.js';

/** A field found on a map node (its value may be null). */
export interface Found {
  readonly value: JsonValue;
}

/** kyaml FieldMatcher: the field `name` of `node`, when its text equals `text` (any value when `text` is ''). */
export function matchField(node: Node, name: string, text: string): Found | undefined {
  if (isMissingOrNull(node)) return undefined;
  if (name === '') {
    if (typeof node === 'object') throw wrongKind('ScalarNode', node);
    return scalarText(node) === text ? { value: node } : undefined;
  }
  if (!isObject(node)) throw wrongKind('MappingNode', node);
  if (!Object.hasOwn(node, name)) return undefined;
  return text === '' || scalarText(node[name]) === text ? { value: node[name] } : undefined;
}

/**
 * kyaml ElementMatcher (RNode.ElementList): the first map element whose `keys` have exactly the texts `values` (an
 * empty text matches only an empty value); with no key, the first element whose own text is `values[0]`.
 */
export function findElement(list: Node, keys: readonly string[], values: readonly string[]): Node {
  if (!Array.isArray(list)) return undefined;
  if (keys.length === 0 || keys[0] === '') return list.find((e) => scalarText(e) === (values[0] ?? ''));
  // kyaml errors on a key without its value, and ElementList reads that error as "not found".
  if (keys.length !== values.length) return undefined;
  return list.find((e) => isObject(e) && keys.every((k, i) => Object.hasOwn(e, k) && scalarText(e[k]) === values[i]));
}

/**
 * kyaml ElementSetter, in place: replace the elements matching keys=values with `element`, or delete them when
 * `element` is undefined; append `element` when nothing matched. Null and `{}` elements are always dropped.
 */
export function setElement(list: JsonValue[], element: Node, keys: readonly string[], values: readonly string[]): void {
  const ks = keys.length === 0 ? [''] : keys;
  const mappingSetter = ks[0] !== '' && values.length > 0 && values[0] !== '';
  const kept: JsonValue[] = [];
  let found = false;
  for (const e of list) {
    if (isMissingOrNull(e) || isEmptyMap(e)) continue;
    if (!isObject(e) && mappingSetter) kept.push(e);
    else if (!matchesAll(e, ks, values)) {
      if (values.length > 0) kept.push(e);
    } else {
      found = true;
      if (element !== undefined) kept.push(unshared(element, kept));
    }
  }
  list.splice(0, list.length, ...kept);
  if (!isMissingOrNull(element) && !found) list.push(unshared(element, list));
}

// kyaml may set one node into a list twice; here the second is a copy, so the two never change together.
function unshared(element: JsonValue, list: readonly JsonValue[]): JsonValue {
  return element !== null && typeof element === 'object' && list.includes(element) ? cloneJson(element) : element;
}

// Kyverno: kyaml only compares the keys that have a value; with no values at all nothing matches.
function matchesAll(e: JsonValue, keys: readonly string[], values: readonly string[]): boolean {
  let hit: Found | undefined;
  for (let j = 0; j < keys.length; j++) {
    if (j < values.length) hit = matchField(e, keys[j], values[j]);
    if (hit === undefined) return false;
  }
  return true;
}

/** kyaml appendListNode (merge3 off): set every element of `src` into `dst` by its key; returns `dst`. */
export function appendListNode(dst: JsonValue[], src: JsonValue[], keys: readonly string[]): JsonValue[] {
  for (const e of [...src]) {
    if (keys[0] === '') {
      setElement(dst, e, [''], [scalarText(e)]);
      continue;
    }
    const values: string[] = [];
    for (const key of keys) {
      const hit = getField(e, key);
      // kyaml appends an element without the key as it is, once per missing key, and goes on with the others.
      if (hit === undefined) dst.push(e);
      else values.push(scalarText(hit.value));
    }
    // With several keys kyaml first deletes the element's namesakes, as its setter would append a duplicate.
    if (keys.length > 1) setElement(dst, undefined, keys, values);
    setElement(dst, e, keys, values);
  }
  return dst;
}

/** kyaml Get on a list element: non-map elements are an error. */
function getField(e: JsonValue, key: string): Found | undefined {
  if (e !== null && !isObject(e)) throw new PatchError(wrongKind('MappingNode', e).message);
  return matchField(e, key, '');
}
