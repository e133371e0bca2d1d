// Kyverno: spec §8.3 stage 2 — the resource's nodes a patch does not mention. kustomize walks them too, merging
// each associative list with itself, which changes a list only in odd cases (elements that share or lack their
// keys, null or `{}` elements, non-scalar elements of a key-less list). Telling those cases apart without changing
// anything lets the merge skip the nodes that stay as they are.
import { isObject, type JsonValue } from '../../json.js';
import { keyText } from './merge-associative.js';
import { fieldSchema, isAssociativeList, schemaOfNode, type MergeSchema } from './merge-schema.js';
import { scalarText } from './kyaml-node.js';

/**
 * True when kustomize's walk of `node` with no patch node leaves it deep-equal, key order included. False means
 * "walk it": the answer is exact for the common shapes and errs on the side of walking.
 */
export function untouchedByWalk(node: JsonValue, inherited: MergeSchema | undefined): boolean {
  if (Array.isArray(node)) return !isAssociativeList(inherited) || associativeListKept(node, inherited as MergeSchema);
  if (!isObject(node)) return true;
  const schema = inherited ?? schemaOfNode(node);
  for (const key in node) {
    const v = node[key];
    // The walk keeps a null field the patch does not mention; scalars are kept as they are.
    if (v !== null && typeof v === 'object' && !untouchedByWalk(v, fieldSchema(schema, key))) return false;
  }
  return true;
}

/**
 * kyaml merges an associative list with itself element by element and sets the resource's elements back by their
 * keys: each element comes back in its place when every element has a distinct, non-empty text for each key some
 * element sets (or, without merge keys, is a distinct non-empty scalar).
 */
function associativeListKept(list: JsonValue[], schema: MergeSchema): boolean {
  const keys = schema.keys ?? [];
  if (keys.length === 0) return distinctScalars(list);
  const setKeys = keys.filter((k) => list.some((e) => keyText(e, k) !== ''));
  if (setKeys.length === 0) return false;
  const seen = new Set<string>();
  for (const e of list) {
    if (!isObject(e)) return false;
    const texts = setKeys.map((k) => keyText(e, k));
    const id = texts.length === 1 ? texts[0] : JSON.stringify(texts);
    if (texts.includes('') || seen.has(id)) return false;
    seen.add(id);
    if (!untouchedByWalk(e, schema.items)) return false;
  }
  return true;
}

function distinctScalars(list: JsonValue[]): boolean {
  const seen = new Set<string>();
  for (const e of list) {
    if (e === null || typeof e === 'object') return false;
    const text = scalarText(e);
    if (text === '' || seen.has(text)) return false;
    seen.add(text);
  }
  return true;
}
