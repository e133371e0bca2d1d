// Kyverno: spec §4.3 — the map procedure: metadata key expansion, the anchor phase, then the body phase.
import { getOwn, type JsonObject, type JsonValue } from '../json.js';
import { goTypeName } from './go-text.js';
import { matchChild, matchElement } from './match.js';
import { expandMetadata } from './metadata-expansion.js';
import type { MapEntry, MapNode, PatternNode } from './nodes.js';
import { anchorSkip, enter, fail, leave, pathOf, summarySkip, type MatchState, type Mismatch } from './outcome.js';

/** Match a resource map against a compiled map pattern. */
export function matchMap(resource: JsonObject, node: MapNode, st: MatchState): Mismatch | undefined {
  if (st.seenAnchors && node.tracked.length > 0) recordAnchorKeys(resource, node.tracked, st.seenAnchors);
  const n = node.metadata ? expandMetadata(node, resource) : node;
  const anchored = matchAnchors(resource, n.anchors, st);
  if (anchored) return anchored;
  for (const e of n.body) {
    const r = e.kind === 'global' ? matchGlobal(resource, e, st) : matchPlain(resource, e, st);
    if (r) return r;
  }
  return undefined;
}

// Kyverno: spec §4.4.6 — remember, per raw anchor key, whether any checked resource map had the key.
function recordAnchorKeys(resource: JsonObject, tracked: readonly MapEntry[], seen: Map<string, boolean>): void {
  for (const e of tracked) if (seen.get(e.rawKey) !== true) seen.set(e.rawKey, Object.hasOwn(resource, e.key));
}

/** The anchor phase: skips are collected; a failure wins unless a direct skip was already seen at this level. */
function matchAnchors(resource: JsonObject, anchors: readonly MapEntry[], st: MatchState): Mismatch | undefined {
  let skips: Mismatch[] | undefined;
  let direct = false;
  let applied = false;
  for (const e of anchors) {
    enter(st, e.key);
    const r = matchAnchor(resource, e, st);
    leave(st);
    if (r === undefined) applied = true;
    else if (r.kind === 'skip') {
      (skips ??= []).push(r);
      direct ||= r.direct;
    } else if (!direct) return r;
  }
  // Kyverno: only bubbled skips next to an anchor that applied let the body run.
  if (skips && (!applied || direct)) return summarySkip(pathOf(st), skips);
  return undefined;
}

// Called with the anchor's key on the trail.
function matchAnchor(resource: JsonObject, e: MapEntry, st: MatchState): Mismatch | undefined {
  const value = getOwn(resource, e.key);
  if (e.kind === 'condition') return matchCondition(value, e.node, st);
  // Equality, negation and existence anchors hold when the key is absent.
  if (value === undefined) return undefined;
  if (e.kind === 'equality') return matchElement(value, e.node, st);
  if (e.kind === 'negation') {
    const at = pathOf(st);
    return fail(at, `negation anchor matched in resource: ${at} is not allowed`, true);
  }
  return matchExistence(value, e.node, st);
}

function matchCondition(value: JsonValue | undefined, node: PatternNode, st: MatchState): Mismatch | undefined {
  if (value === undefined)
    return anchorSkip(pathOf(st), "conditional anchor mismatch: conditional anchor key doesn't exist in the resource");
  const r = matchElement(value, node, st);
  return r && anchorSkip(r.path, `conditional anchor mismatch: ${r.message}`);
}

// Kyverno: every map of the pattern list must be matched by at least one resource element.
function matchExistence(value: JsonValue, node: PatternNode, st: MatchState): Mismatch | undefined {
  if (!Array.isArray(value))
    return fail(
      pathOf(st),
      `invalid resource type ${goTypeName(value)}: Existence ^ () anchor can be used only on list/array type resource`,
    );
  if (node.type !== 'array')
    return fail(
      pathOf(st),
      `invalid pattern type ${nodeTypeName(node)}: Pattern has to be of list to compare against resource`,
    );
  for (const item of node.items) {
    if (item.type !== 'map')
      return fail(
        pathOf(st),
        'invalid pattern type []interface {}: Pattern has to be of type map to compare against items in resource',
      );
    if (!value.some((x, i) => matchChild(x, item, i, st) === undefined)) {
      const at = pathOf(st);
      return fail(at, `existence anchor validation failed at path ${at}`);
    }
  }
  return undefined;
}

function matchGlobal(resource: JsonObject, e: MapEntry, st: MatchState): Mismatch | undefined {
  const value = getOwn(resource, e.key);
  if (value === undefined) return undefined;
  const r = matchChild(value, e.node, e.key, st);
  return r && anchorSkip(r.path, `global anchor mismatch: ${r.message}`);
}

// Plain keys (and, as in Kyverno, a stray `+(k)`) address the resource by the key as written.
function matchPlain(resource: JsonObject, e: MapEntry, st: MatchState): Mismatch | undefined {
  const value = getOwn(resource, e.rawKey);
  // Kyverno: `key: "*"` only requires a non-null value, and reports the parent path.
  if (e.star) {
    if (value !== undefined && value !== null) return undefined;
    const path = pathOf(st);
    return fail(path, `${path}/${e.rawKey} not found`);
  }
  return matchChild(value ?? null, e.node, e.rawKey, st);
}

function nodeTypeName(node: PatternNode): string {
  if (node.type === 'map') return 'map[string]interface {}';
  if (node.type === 'array') return '[]interface {}';
  return goTypeName(node.value);
}
