// Kyverno: spec §4.3 — dispatch on the pattern node type; the array procedure.
import { isObject, type JsonValue } from '../json.js';
import { goTypeName, goValueV } from './go-text.js';
import { matchMap } from './match-map.js';
import type { ArrayNode, PatternNode, ScalarNode } from './nodes.js';
import { enter, fail, leave, pathOf, summarySkip, type MatchState, type Mismatch } from './outcome.js';
import { matchScalarNode } from './scalar.js';

/** Match one resource node (undefined = missing) against a pattern node at the path `st.trail` leads to. */
export function matchElement(value: JsonValue | undefined, node: PatternNode, st: MatchState): Mismatch | undefined {
  if (node.type === 'map') {
    if (!isObject(value)) {
      const path = pathOf(st);
      return fail(
        path,
        `pattern and resource have different structures. Path: ${path}. Expected map[string]interface {}, found ${goTypeName(value)}`,
      );
    }
    return matchMap(value, node, st);
  }
  if (node.type === 'array') {
    if (!Array.isArray(value)) {
      const path = pathOf(st);
      return fail(
        path,
        `validation rule failed at path ${path}, resource does not satisfy the expected overlay pattern`,
      );
    }
    return matchArray(value, node, st);
  }
  return matchScalarElement(value, node, st);
}

/** matchElement one level down, at `segment` (a key or an index) below the current node. */
export function matchChild(
  value: JsonValue | undefined,
  node: PatternNode,
  segment: string | number,
  st: MatchState,
): Mismatch | undefined {
  enter(st, segment);
  const r = matchElement(value, node, st);
  leave(st);
  return r;
}

// Kyverno: a scalar pattern against an array resource must hold for every element.
function matchScalarElement(value: JsonValue | undefined, node: ScalarNode, st: MatchState): Mismatch | undefined {
  // The message names the list (as Kyverno does); `field` keeps the first failing element for locating it.
  const bad = Array.isArray(value) ? firstMismatch(value, node) : matchScalarNode(value, node) ? -1 : 0;
  if (bad < 0) return undefined;
  const path = pathOf(st);
  const field = Array.isArray(value) ? `${path}${bad}/` : undefined;
  return fail(
    path,
    `resource value '${goValueV(value)}' does not match '${node.display}' at path ${path}`,
    false,
    field,
  );
}

// A plain loop: a findIndex closure over `node` would cost a function context on every scalar matched.
function firstMismatch(values: readonly JsonValue[], node: ScalarNode): number {
  for (let i = 0; i < values.length; i++) if (!matchScalarNode(values[i], node)) return i;
  return -1;
}

function matchArray(values: JsonValue[], node: ArrayNode, st: MatchState): Mismatch | undefined {
  if (node.items.length === 0) return fail(pathOf(st), 'pattern Array empty');
  const first = node.items[0];
  // Kyverno: spec §4.3 (quirk) — only the first pattern element is used for maps and scalars.
  if (first.type === 'map') return matchEach(values, first, st);
  if (first.type === 'scalar') return matchScalarElement(values, first, st);
  if (values.length < node.items.length)
    return fail(
      '',
      `validate Array failed, array length mismatch, resource Array len is ${values.length} and pattern Array len is ${node.items.length}`,
    );
  return matchEach(values, node.items, st);
}

/** Every resource element against one pattern, or element i against pattern i; all-skipped is a summarised skip. */
function matchEach(
  values: readonly JsonValue[],
  patterns: PatternNode | readonly PatternNode[],
  st: MatchState,
): Mismatch | undefined {
  const positional = !('type' in patterns);
  const count = positional ? patterns.length : values.length;
  let applied = 0;
  let skips: Mismatch[] | undefined;
  for (let i = 0; i < count; i++) {
    const r = matchChild(values[i], positional ? patterns[i] : patterns, i, st);
    if (r === undefined) applied++;
    else if (r.kind === 'skip') (skips ??= []).push(r);
    else return r;
  }
  return applied === 0 && skips ? summarySkip(pathOf(st), skips) : undefined;
}
