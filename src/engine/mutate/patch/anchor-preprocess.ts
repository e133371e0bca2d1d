// Kyverno: spec §8.3 stage 1 — walk the patch and the resource together, resolving anchors (PreProcessPattern).
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { parseAnchor } from '../../pattern/anchor.js';
import { checkAnchorConditions, resolveAddIfNotPresent } from './anchor-conditions.js';
import { removeAnchors } from './anchor-cleanup.js';
import { hasAnchors, isGlobal, isMutateAnchor } from './anchor-keys.js';
import { ConditionFailure, GlobalConditionFailure, PatchError } from './errors.js';
import { copyNode, fieldOf, isMissingOrNull, isNilOrEmpty, setOwn, wrongKind, type Node } from './kyaml-node.js';

/**
 * Resolve the anchors of `patch` (mutated in place) against `resource` (`undefined` = absent).
 * Throws ConditionFailure / GlobalConditionFailure when an anchor does not hold, PatchError on malformed input.
 */
export function preprocessPatch(patch: JsonValue, resource: Node): void {
  if (Array.isArray(patch)) preprocessList(patch, resource);
  else if (isObject(patch)) preprocessMap(patch, resource);
}

function preprocessMap(patch: JsonObject, resource: Node): void {
  resolveAddIfNotPresent(patch, resource);
  checkAnchorConditions(patch, resource);
  for (const key of Object.keys(patch)) {
    const a = parseAnchor(key);
    // `=()`, `^()` and `X()` keys are no mutate anchors: Kyverno recurses into them like plain keys.
    if (a === undefined || !isMutateAnchor(a)) preprocessPatch(patch[key], fieldOf(resource, key));
  }
}

function preprocessList(patch: JsonValue[], resource: Node): void {
  if (patch.length === 0 || !isObject(patch[0])) return;
  const resourceElements = listElements(resource);
  for (const template of [...patch]) {
    if (hasAnchors(template, isMutateAnchor)) applyTemplate(patch, template, resource, resourceElements);
  }
}

/** Kyverno: a resource value that is present but not a list is an error even for anchor-free patches. */
function listElements(resource: Node): JsonValue[] {
  if (isMissingOrNull(resource)) return [];
  if (!Array.isArray(resource)) {
    const error = wrongKind('SequenceNode', resource, { sortKeys: true });
    throw new PatchError(`failed to preProcess rule: ${error.message}`);
  }
  return resource;
}

/** One per-element template: match it against every resource element, appending a named copy per match. */
function applyTemplate(patch: JsonValue[], template: JsonValue, resource: Node, elements: JsonValue[]): void {
  const global = hasAnchors(template, isGlobal);
  // Kyverno: one working copy serves all elements, so `+()` keys are decided by the first element examined.
  const working = copyNode(template);
  let globalPassed = false;
  let globalFailure: GlobalConditionFailure | undefined;
  for (const element of elements) {
    const outcome = tryPreprocess(working, element);
    if (outcome instanceof GlobalConditionFailure) globalFailure = outcome;
    if (outcome !== 'ok') continue;
    if (global) globalPassed = true;
    else appendNamedCopy(patch, working, element);
  }
  if (resource === undefined) {
    const outcome = tryPreprocess(working, undefined);
    if (outcome instanceof GlobalConditionFailure) throw outcome;
    if (outcome instanceof ConditionFailure) return;
    if (global) globalPassed = true;
  }
  if (!globalPassed && globalFailure) throw globalFailure;
}

function tryPreprocess(working: JsonValue, element: Node): 'ok' | ConditionFailure | GlobalConditionFailure {
  try {
    preprocessPatch(working, element);
    return 'ok';
  } catch (e) {
    if (e instanceof ConditionFailure || e instanceof GlobalConditionFailure) return e;
    throw e;
  }
}

/** Kyverno's handlePatternName: a copy of the resolved template, anchors removed, tied to the element by `name`. */
function appendNamedCopy(patch: JsonValue[], working: JsonValue, element: JsonValue): void {
  const name = fieldOf(element, 'name');
  if (name === undefined || isNilOrEmpty(name)) return;
  const copy = copyNode(working);
  if (removeAnchors(copy, true)) return;
  if (!isObject(copy))
    throw new PatchError(`failed to update name in pattern: ${wrongKind('MappingNode', copy).message}`);
  setOwn(copy, 'name', copyNode(name));
  patch.push(copy);
}
