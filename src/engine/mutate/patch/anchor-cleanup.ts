// Kyverno: spec §8.3 stage 1 "Afterwards" — strip resolved anchors from the patch (deleteConditionElements / deleteAnchors).
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { parseAnchor } from '../../pattern/anchor.js';
import { anchoredKeys, hasAnchors, isConditionOrGlobal, isMutateAnchor } from './anchor-keys.js';
import { PatchError } from './errors.js';
import { renameKey } from './kyaml-node.js';

/** Clean the top-level patch map in place. Kyverno: anchor keys at the top level are not renamed. */
export function removeTopLevelAnchors(patch: JsonObject): void {
  for (const key of Object.keys(patch)) {
    const a = parseAnchor(key);
    if (removeAnchors(patch[key], a !== undefined && isConditionOrGlobal(a))) delete patch[key];
  }
}

/** Remove anchors below `node` in place; true when the node itself should go (only anchors, or emptied by the cleanup). */
export function removeAnchors(node: JsonValue, deleteScalar: boolean): boolean {
  if (Array.isArray(node)) return removeAnchorsInList(node);
  if (isObject(node)) return removeAnchorsInMap(node);
  return deleteScalar;
}

function removeAnchorsInMap(node: JsonObject): boolean {
  let anchorsKept = false;
  for (const { raw } of anchoredKeys(node, isConditionOrGlobal)) {
    if (removeAnchors(node[raw], true)) delete node[raw];
    else anchorsKept = true;
  }
  // Anchor keys whose values keep non-anchor content continue under the bare key.
  if (anchorsKept)
    for (const { raw, anchor } of anchoredKeys(node, isConditionOrGlobal)) renameKey(node, raw, anchor.key);
  let emptied = true;
  for (const key of Object.keys(node)) {
    // Kyverno: this also drops `{}` / `[]`-emptied values such as `emptyDir: {}` from the patch.
    if (removeAnchors(node[key], false)) delete node[key];
    else emptied = false;
  }
  return emptied;
}

function removeAnchorsInList(list: JsonValue[]): boolean {
  const snapshot = [...list];
  const wasEmpty = snapshot.length === 0;
  snapshot.forEach((element, i) => {
    const drop = hasAnchors(element, isMutateAnchor) || removeAnchors(element, false);
    if (drop) deleteAt(list, i);
  });
  return list.length === 0 && !wasEmpty;
}

// Kyverno: elements are deleted by their index in the *original* list while the list shrinks, so after one
// deletion later deletions hit the element that moved into that slot (Go panics past the end).
function deleteAt(list: JsonValue[], i: number): void {
  if (i >= list.length)
    throw new PatchError(`failed to preProcess rule: list element ${i} out of range while removing anchors`);
  list.splice(i, 1);
}
