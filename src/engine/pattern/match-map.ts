// Kyverno: spec §4.3 — the map procedure: metadata key expansion, the anchor phase, then the body phase.
import { getOwn, type JsonObject, type JsonValue } from '../json.js';
import { goTypeName } from './go-text.js';
import { matchElement } from './match.js';
import { expandMetadata } from './metadata-expansion.js';
import type { MapEntry, MapNode, PatternNode } from './nodes.js';
import { anchorSkip, fail, summarySkip, type MatchState, type Mismatch } from './outcome.js';

/** Match a resource map against a compiled map pattern. */
export function matchMap(resource: JsonObject, node: MapNode, path: string, st: MatchState): Mismatch | undefined {
  if (st.seenAnchors && node.tracked.length > 0) recordAnchorKeys(resource, node.tracked, st.seenAnchors);
  const n = node.metadata ? expandMetadata(node, resource) : node;
  const anchored = matchAnchors(resource, n.anchors, path, st);
  if (anchored) return anchored;
  for (const e of n.body) {
    const r = e.kind === 'global' ? matchGlobal(resource, e, path, st) : matchPlain(resource, e, path, st);
    if (r) return r;
  }
  return undefined;
}

// Kyverno: spec §4.4.6 — remember, per raw anchor key, whether any checked resource map had the key.
function recordAnchorKeys(resource: JsonObject, tracked: readonly MapEntry[], seen: Map<string, boolean>): void {
  for (const e of tracked) if (seen.get(e.rawKey) !== true) seen.set(e.rawKey, Object.hasOwn(resource, e.key));
}

/** The anchor phase: skips are collected; a failure wins unless a direct skip was already seen at this level. */
function matchAnchors(
  resource: JsonObject,
  anchors: readonly MapEntry[],
  path: string,
  st: MatchState,
): Mismatch | undefined {
  let skips: Mismatch[] | undefined;
  let direct = false;
  let applied = false;
  for (const e of anchors) {
    const r = matchAnchor(resource, e, path, st);
    if (r === undefined) applied = true;
    else if (r.kind === 'skip') {
      (skips ??= []).push(r);
      direct ||= r.direct;
    } else if (!direct) return r;
  }
  // Kyverno: only bubbled skips next to an anchor that applied let the body run.
  if (skips && (!applied || direct)) return summarySkip(path, skips);
  return undefined;
}

function matchAnchor(resource: JsonObject, e: MapEntry, path: string, st: MatchState): Mismatch | undefined {
  const value = getOwn(resource, e.key);
  const at = `${path}${e.key}/`;
  if (e.kind === 'condition') return matchCondition(value, e.node, at, st);
  // Equality, negation and existence anchors hold when the key is absent.
  if (value === undefined) return undefined;
  if (e.kind === 'equality') return matchElement(value, e.node, at, st);
  if (e.kind === 'negation') return fail(at, `negation anchor matched in resource: ${at} is not allowed`, true);
  return matchExistence(value, e.node, at, st);
}

function matchCondition(
  value: JsonValue | undefined,
  node: PatternNode,
  at: string,
  st: MatchState,
): Mismatch | undefined {
  if (value === undefined)
    return anchorSkip(at, "conditional anchor mismatch: conditional anchor key doesn't exist in the resource");
  const r = matchElement(value, node, at, st);
  return r && anchorSkip(r.path, `conditional anchor mismatch: ${r.message}`);
}

// Kyverno: every map of the pattern list must be matched by at least one resource element.
function matchExistence(value: JsonValue, node: PatternNode, at: string, st: MatchState): Mismatch | undefined {
  if (!Array.isArray(value))
    return fail(
      at,
      `invalid resource type ${goTypeName(value)}: Existence ^ () anchor can be used only on list/array type resource`,
    );
  if (node.type !== 'array')
    return fail(
      at,
      `invalid pattern type ${nodeTypeName(node)}: Pattern has to be of list to compare against resource`,
    );
  for (const item of node.items) {
    if (item.type !== 'map')
      return fail(
        at,
        'invalid pattern type []interface {}: Pattern has to be of type map to compare against items in resource',
      );
    if (!value.some((x, i) => matchElement(x, item, `${at}${i}/`, st) === undefined))
      return fail(at, `existence anchor validation failed at path ${at}`);
  }
  return undefined;
}

function matchGlobal(resource: JsonObject, e: MapEntry, path: string, st: MatchState): Mismatch | undefined {
  const value = getOwn(resource, e.key);
  if (value === undefined) return undefined;
  const r = matchElement(value, e.node, `${path}${e.key}/`, st);
  return r && anchorSkip(r.path, `global anchor mismatch: ${r.message}`);
}

// Plain keys (and, as in Kyverno, a stray `+(k)`) address the resource by the key as written.
function matchPlain(resource: JsonObject, e: MapEntry, path: string, st: MatchState): Mismatch | undefined {
  const value = getOwn(resource, e.rawKey);
  // Kyverno: `key: "*"` only requires a non-null value, and reports the parent path.
  if (e.star) return value === undefined || value === null ? fail(path, `${path}/${e.rawKey} not found`) : undefined;
  return matchElement(value ?? null, e.node, `${path}${e.rawKey}/`, st);
}

function nodeTypeName(node: PatternNode): string {
  if (node.type === 'map') return 'map[string]interface {}';
  if (node.type === 'array') return '[]interface {}';
  return goTypeName(node.value);
}
