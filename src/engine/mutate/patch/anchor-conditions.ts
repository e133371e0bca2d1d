// Kyverno: spec §8.3 stage 1 steps 1–2 — `+(k)` add-if-not-present and the `<(k)` / `(k)` checks of one patch map.
import { isObject, type JsonValue } from '../../json.js';
import { compilePattern, validatePattern, type CompiledPattern } from '../../pattern/index.js';
import { anchoredKeys, isGlobal, type AnchorTest } from './anchor-keys.js';
import { ConditionFailure, GlobalConditionFailure } from './errors.js';
import { fieldOf, renameKey, scalarText, type Node } from './kyaml-node.js';
import { boundedMemo } from '../../primitives/bounded-memo.js';

/** Resolve the `+(k)` keys of a patch map in place: dropped when the resource has `k`, else renamed to `k`. Returns how many there were. */
export function resolveAddIfNotPresent(patch: JsonValue, resource: Node): number {
  if (!isObject(patch)) return 0;
  const anchors = anchoredKeys(patch, (a) => a.kind === 'addIfNotPresent');
  for (const { raw, anchor } of anchors) {
    if (fieldOf(resource, anchor.key) !== undefined) delete patch[raw];
    else renameKey(patch, raw, anchor.key);
  }
  return anchors.length;
}

/** Check the global anchors, then the conditional anchors, of a patch map; throws GlobalConditionFailure / ConditionFailure. */
export function checkAnchorConditions(patch: JsonValue, resource: Node): void {
  const globalProblem = firstFailingCondition(patch, resource, isGlobal);
  if (globalProblem) throw new GlobalConditionFailure(globalProblem);
  const problem = firstFailingCondition(patch, resource, (a) => a.kind === 'condition');
  if (problem) throw new ConditionFailure(problem);
}

function firstFailingCondition(patch: JsonValue, resource: Node, test: AnchorTest): string | undefined {
  for (const { raw, anchor } of anchoredKeys(patch, test)) {
    const resourceValue = fieldOf(resource, anchor.key);
    if (resourceValue === undefined) return `could not found "${anchor.key}" key in the resource`;
    const patchValue = (patch as Record<string, JsonValue>)[raw];
    // Kyverno: a `+()` inside the anchor value is resolved instead of checked — the condition then only needs the key.
    if (resolveAddIfNotPresent(patchValue, resourceValue) > 0) continue;
    if (!conditionHolds(patchValue, resourceValue)) return `resource value does not match the pattern at ${anchor.key}`;
  }
  return undefined;
}

/** Kyverno's checkCondition: the anchor value as a validate pattern; scalars on either side are compared as their YAML text. */
function conditionHolds(pattern: JsonValue, value: JsonValue): boolean {
  return validatePattern(asInterface(value), compiledCondition(asInterface(pattern))).status === 'pass';
}

// A foreach checks the same few scalar conditions (a container's name) once per element and resource; compiling
// them is most of a check, so the compiled scalars are kept, up to a bound.
const compiledScalar = boundedMemo(1024, (pattern: string) => compilePattern(pattern));

function compiledCondition(pattern: JsonValue): CompiledPattern {
  return typeof pattern === 'string' ? compiledScalar(pattern) : compilePattern(pattern);
}

function asInterface(v: JsonValue): JsonValue {
  return v === null || typeof v !== 'object' ? scalarText(v) : v;
}
