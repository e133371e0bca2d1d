// Kyverno: spec §4.3 — pre-parse a validate pattern once: anchors, key order of both phases, string operators.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { compareByCodePoint } from '../primitives/go-json.js';
import { hasWildcard } from '../primitives/wildcard.js';
import { parseAnchor, type AnchorKind } from './anchor.js';
import { goValueV } from './go-text.js';
import type { CompiledPattern, ExpandableTag, MapEntry, MapNode, MetadataExpansion, PatternNode } from './nodes.js';
import { compileStringPattern } from './string-pattern.js';

const ANCHOR_PHASE: ReadonlySet<AnchorKind | 'plain'> = new Set(['condition', 'equality', 'existence', 'negation']);
const ORDERING_ANCHORS: ReadonlySet<AnchorKind | 'plain'> = new Set([
  'condition',
  'equality',
  'existence',
  'negation',
  'global',
]);

/** Compile a (substituted) validate pattern; cheap enough to run per evaluation for patterns with variables. */
export function compilePattern(pattern: JsonValue): CompiledPattern {
  const root = compileNode(pattern);
  return { root, tracksAnchors: tracks(root) };
}

/** Compile one pattern subtree. */
export function compileNode(v: JsonValue): PatternNode {
  if (Array.isArray(v)) return { type: 'array', items: v.map(compileNode) };
  if (isObject(v)) return compileMap(v);
  return {
    type: 'scalar',
    value: v,
    text: typeof v === 'string' ? compileStringPattern(v) : undefined,
    display: goValueV(v),
  };
}

function compileMap(obj: JsonObject): MapNode {
  // Kyverno: keys are processed in Go's sort.Strings (byte) order.
  const entries = Object.keys(obj)
    .sort(compareByCodePoint)
    .map((k) => entry(k, obj[k]));
  const front: MapEntry[] = [];
  const back: MapEntry[] = [];
  // Kyverno: global anchors and keys with anchors below them run first (descending), then the rest (ascending).
  for (const e of entries) {
    if (ANCHOR_PHASE.has(e.kind)) continue;
    if (e.kind === 'global' || holdsAnchors(e.node)) front.unshift(e);
    else back.push(e);
  }
  return {
    type: 'map',
    anchors: entries.filter((e) => ANCHOR_PHASE.has(e.kind)),
    body: [...front, ...back],
    tracked: entries.filter((e) => e.kind === 'condition' || e.kind === 'existence'),
    metadata: metadataExpansion(entries, obj),
    anchored: entries.some((e) => ORDERING_ANCHORS.has(e.kind) || holdsAnchors(e.node)),
  };
}

function entry(rawKey: string, value: JsonValue): MapEntry {
  const a = parseAnchor(rawKey);
  return { rawKey, key: a ? a.key : rawKey, kind: a ? a.kind : 'plain', node: compileNode(value), star: value === '*' };
}

function holdsAnchors(n: PatternNode): boolean {
  return n.type === 'map' ? n.anchored : n.type === 'array' && n.items.some(holdsAnchors);
}

function tracks(n: PatternNode): boolean {
  if (n.type === 'array') return n.items.some(tracks);
  if (n.type === 'scalar') return false;
  return n.tracked.length > 0 || n.anchors.some((e) => tracks(e.node)) || n.body.some((e) => tracks(e.node));
}

// Kyverno: spec §4.3 step 1 — maps holding a `metadata` key whose labels/annotations use wildcard keys or hold
// non-string values (Kyverno rebuilds those maps from their string entries only).
function metadataExpansion(entries: readonly MapEntry[], obj: JsonObject): MetadataExpansion | undefined {
  const metaKey = taggedKey(Object.keys(obj), 'metadata');
  const meta = entries.find((e) => e.rawKey === metaKey);
  const raw = meta && obj[meta.rawKey];
  if (!meta || !isObject(raw)) return undefined;
  const tags: ExpandableTag[] = [];
  for (const tag of ['labels', 'annotations'] as const) {
    const rawKey = taggedKey(Object.keys(raw), tag);
    const value = rawKey === undefined ? undefined : raw[rawKey];
    if (rawKey === undefined || !isObject(value)) continue;
    const wildcardKeys = Object.keys(value).filter(hasWildcard);
    const hasNonStrings = Object.values(value).some((x) => typeof x !== 'string');
    if (wildcardKeys.length > 0 || hasNonStrings) tags.push({ tag, rawKey, wildcardKeys, hasNonStrings });
  }
  return tags.length > 0 ? { entry: meta, raw, tags, memo: new Map() } : undefined;
}

/** The key addressing `tag`: the plain key, else an anchor around it (Kyverno's getPatternValue). */
function taggedKey(keys: readonly string[], tag: string): string | undefined {
  return keys.includes(tag) ? tag : keys.find((k) => parseAnchor(k)?.key === tag);
}
