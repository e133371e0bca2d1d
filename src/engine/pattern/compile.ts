// Kyverno: spec §4.3 — pre-parse a validate pattern once: anchors, key order of both phases, string operators.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { boundedMemo } from '../primitives/bounded-memo.js';
import { compareByCodePoint } from '../primitives/go-json.js';
import { hasWildcard } from '../primitives/wildcard.js';
import { parseAnchor, type AnchorKind } from './anchor.js';
import { goValueV } from './go-text.js';
import type {
  CompiledPattern,
  ExpandableTag,
  MapEntry,
  MapNode,
  MetadataExpansion,
  PatternNode,
  ScalarNode,
} from './nodes.js';
import { compileStringPattern } from './string-pattern.js';

const ANCHOR_PHASE: ReadonlySet<AnchorKind | 'plain'> = new Set(['condition', 'equality', 'existence', 'negation']);
const ORDERING_ANCHORS: ReadonlySet<AnchorKind | 'plain'> = new Set([
  'condition',
  'equality',
  'existence',
  'negation',
  'global',
]);

/**
 * Compile a (substituted) validate pattern; cheap enough to run per evaluation for patterns with variables.
 * `shareScalars` (patterns compiled once, at load) takes string leaves from a table shared across patterns.
 */
export function compilePattern(pattern: JsonValue, shareScalars = false): CompiledPattern {
  const root = compileNode(pattern, shareScalars);
  return { root, tracksAnchors: tracks(root) };
}

/** Compile one pattern subtree. */
export function compileNode(v: JsonValue, shareScalars = false): PatternNode {
  if (Array.isArray(v)) return { type: 'array', items: v.map((x) => compileNode(x, shareScalars)) };
  if (isObject(v)) return compileMap(v, shareScalars);
  if (typeof v === 'string' && shareScalars) return sharedStringScalar(v);
  return scalarNode(v);
}

function scalarNode(v: string | number | boolean | null): ScalarNode {
  return {
    type: 'scalar',
    value: v,
    text: typeof v === 'string' ? compileStringPattern(v) : undefined,
    display: goValueV(v),
  };
}

// The policies of a large set repeat a few leaves (`?*`, `!*`, `true`) thousands of times, and a compiled leaf is
// never changed: one node per text serves every pattern compiled at load. Not used for patterns compiled per
// evaluation, whose substituted texts would only churn the table.
const sharedStringScalar = boundedMemo(4096, scalarNode);

// Most maps have no anchors: their empty phase lists are one shared list.
const NO_ENTRIES: readonly MapEntry[] = [];

function nonEmpty(entries: MapEntry[]): readonly MapEntry[] {
  return entries.length > 0 ? entries : NO_ENTRIES;
}

function compileMap(obj: JsonObject, shareScalars: boolean): MapNode {
  // Kyverno: keys are processed in Go's sort.Strings (byte) order.
  const entries = Object.keys(obj)
    .sort(compareByCodePoint)
    .map((k) => entry(k, obj[k], shareScalars));
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
    anchors: nonEmpty(entries.filter((e) => ANCHOR_PHASE.has(e.kind))),
    body: nonEmpty([...front, ...back]),
    tracked: nonEmpty(entries.filter((e) => e.kind === 'condition' || e.kind === 'existence')),
    metadata: metadataExpansion(entries, obj),
    anchored: entries.some((e) => ORDERING_ANCHORS.has(e.kind) || holdsAnchors(e.node)),
  };
}

function entry(rawKey: string, value: JsonValue, shareScalars: boolean): MapEntry {
  const a = parseAnchor(rawKey);
  const node = compileNode(value, shareScalars);
  return { rawKey, key: a ? a.key : rawKey, kind: a ? a.kind : 'plain', node, star: value === '*' };
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
    if (wildcardKeys.length > 0 || hasNonStrings)
      tags.push({ tag, rawKey, wildcardKeys, wildcardAnchors: wildcardKeys.map(parseAnchor), hasNonStrings });
  }
  return tags.length > 0 ? { entry: meta, raw, tags, memo: new Map() } : undefined;
}

/** The key addressing `tag`: the plain key, else an anchor around it (Kyverno's getPatternValue). */
function taggedKey(keys: readonly string[], tag: string): string | undefined {
  return keys.includes(tag) ? tag : keys.find((k) => parseAnchor(k)?.key === tag);
}
