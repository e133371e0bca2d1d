// Kyverno: spec §4.3 step 1 — when the resource has the labels/annotations map too, Kyverno rebuilds the pattern's
// from its string entries (other values are dropped) with each wildcard key renamed to the first resource key it
// matches (values are not considered), before the map is matched.
import { getOwn, isObject, type JsonObject } from '../json.js';
import { wildcardMatch } from '../primitives/wildcard.js';
import { anchorKey, type Anchor } from './anchor.js';
import { compileNode } from './compile.js';
import type { ExpandableTag, MapEntry, MapNode, MetadataExpansion } from './nodes.js';

const MEMO_LIMIT = 64;

/** The map node to match against `resource`: `node` itself, or a copy whose metadata keys were expanded. */
export function expandMetadata(node: MapNode, resource: JsonObject): MapNode {
  const exp = node.metadata;
  const resourceMetadata = getOwn(resource, 'metadata');
  if (exp === undefined || !isObject(resourceMetadata) || !expansionChanges(exp.tags, resourceMetadata)) return node;
  const resourceTags = exp.tags.map((t) => getOwn(resourceMetadata, t.tag));
  const renamed = exp.tags.map((t, i) => renamedKeys(t, resourceTags[i]));
  // Non-string entries go only where the resource has the map (Kyverno reads both sides as string maps).
  const dropping = exp.tags.map((t, i) => t.hasNonStrings && isObject(resourceTags[i]));
  const signature = renamed.map((keys, i) => `${dropping[i] ? 1 : 0}${keys.join('\u0000')}`).join('\u0001');
  let expanded = exp.memo.get(signature);
  if (expanded === undefined) {
    expanded = buildExpanded(node, exp, renamed, dropping);
    if (exp.memo.size >= MEMO_LIMIT) exp.memo.clear();
    exp.memo.set(signature, expanded);
  }
  return expanded;
}

// Whether expansion changes the pattern for this resource, found without building the renamed key lists: a
// labelled resource meets this for every map pattern with a metadata wildcard, and mostly nothing changes. It
// changes when a map with non-string values is there to drop them from, or when a wildcard key is renamed (as
// expandKey would; renaming keeps the anchor, so the bare keys are compared, with no key text built).
function expansionChanges(tags: readonly ExpandableTag[], resourceMetadata: JsonObject): boolean {
  for (const t of tags) {
    const resourceTag = getOwn(resourceMetadata, t.tag);
    if (!isObject(resourceTag)) continue;
    if (t.hasNonStrings) return true;
    for (let i = 0; i < t.wildcardKeys.length; i++) {
      const bare = t.wildcardAnchors[i]?.key ?? t.wildcardKeys[i];
      const match = firstStringKeyMatching(resourceTag, bare);
      if (match !== undefined && match !== bare) return true;
    }
  }
  return false;
}

/** The tag's wildcard keys after expansion; the very same array when nothing changes. */
function renamedKeys(t: ExpandableTag, resourceTag: unknown): readonly string[] {
  if (!isObject(resourceTag)) return t.wildcardKeys;
  const keys = t.wildcardKeys.map((k, i) => expandKey(k, t.wildcardAnchors[i], resourceTag));
  return keys.some((k, i) => k !== t.wildcardKeys[i]) ? keys : t.wildcardKeys;
}

// The key `k` becomes: the first key of the resource's map it matches, else itself. Anchors survive the expansion:
// `=(team.io/*)` becomes `=(team.io/owner)`.
function expandKey(k: string, a: Anchor | undefined, resourceTag: JsonObject): string {
  const match = firstStringKeyMatching(resourceTag, a ? a.key : k);
  if (match === undefined) return k;
  return a ? anchorKey(a.kind, match) : match;
}

// Kyverno reads the tag as a string map: keys with a null or non-string value are not candidates. In the map's
// key order.
function firstStringKeyMatching(map: JsonObject, wildcard: string): string | undefined {
  for (const k in map) if (typeof map[k] === 'string' && wildcardMatch(wildcard, k)) return k;
  return undefined;
}

function buildExpanded(
  node: MapNode,
  exp: MetadataExpansion,
  renamed: readonly (readonly string[])[],
  dropping: readonly boolean[],
): MapNode {
  const metadata: JsonObject = { ...exp.raw };
  exp.tags.forEach((t, i) => {
    const names = new Map(t.wildcardKeys.map((k, j) => [k, renamed[i][j]]));
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(exp.raw[t.rawKey] as JsonObject))
      if (!dropping[i] || typeof v === 'string') out[names.get(k) ?? k] = v;
    metadata[t.rawKey] = out;
  });
  const replacement: MapEntry = { ...exp.entry, node: compileNode(metadata) };
  const swap = (entries: readonly MapEntry[]) => entries.map((e) => (e === exp.entry ? replacement : e));
  return {
    ...node,
    anchors: swap(node.anchors),
    body: swap(node.body),
    tracked: swap(node.tracked),
    metadata: undefined,
  };
}
