// Kyverno: spec §8.3 — patchStrategicMerge: anchor pre-processing (stage 1), then kustomize's strategic merge (stage 2).
import { deepEqual, isObject, type JsonObject, type JsonValue } from '../../json.js';
import { removeTopLevelAnchors } from './anchor-cleanup.js';
import { preprocessPatch } from './anchor-preprocess.js';
import { ConditionFailure, GlobalConditionFailure, PatchError } from './errors.js';
import { kindName, setOwn } from './kyaml-node.js';
import { ownAll, sortedBase, sortKeysInGoOrder, type Owned } from './merge-owned.js';
import { walk } from './merge-walk.js';

/**
 * Strategic merge with Kyverno's anchors. Returns a new object (input untouched) that shares the parts the patch
 * left as they were with the input; deep-equal to the input when the patch does not apply (anchor conditions not
 * met). Throws PatchError when the patch cannot be applied.
 */
export function applyStrategicMergePatch(resource: JsonObject, patch: JsonValue): JsonObject {
  return strategicMerge(resource, patch).merged;
}

/** applyStrategicMergePatch, and whether the result differs from the input (as JSON, key order aside). */
export function strategicMerge(resource: JsonObject, patch: JsonValue): { merged: JsonObject; changed: boolean } {
  if (!isObject(patch)) throw new PatchError(`patchStrategicMerge must be a map, got a ${kindName(patch)}`);
  const owned: Owned = new Set();
  // Kyverno hands kyaml the resource as Go's encoding/json wrote it, keys sorted: nodes print in that order.
  const base = sortedBase(resource) as JsonObject;
  const resolved = resolveAnchors(patch, base);
  ownAll(resolved, owned);
  const merged = walk([base, resolved], undefined, owned);
  if (!isObject(merged)) throw new PatchError('filter cannot create or delete objects');
  // The merge shares what it left alone with `base` (deep-equal to the input): the comparison skips those parts.
  return { merged, changed: !deepEqual(merged, base) };
}

/** Stage 1 on a copy of the patch; a condition or global failure reaching the top empties the patch. */
function resolveAnchors(patch: JsonObject, resource: JsonObject): JsonObject {
  // Kyverno marshals the patch with Go's encoding/json first, so its keys are processed in sorted order.
  const working = sortKeys(patch) as JsonObject;
  try {
    preprocessPatch(working, resource);
    removeTopLevelAnchors(working);
    return working;
  } catch (e) {
    // Kyverno: spec §8.3 "Failure handling" — the whole patch becomes `{}` (→ skip).
    if (e instanceof ConditionFailure || e instanceof GlobalConditionFailure) return {};
    throw e;
  }
}

/** A deep copy with map keys in Go's sorted order. */
function sortKeys(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const k of sortKeysInGoOrder(Object.keys(v))) setOwn(out, k, sortKeys(v[k]));
  return out;
}
