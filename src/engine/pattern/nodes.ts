// The compiled form of a validate pattern: anchors parsed, keys ordered and string operators pre-parsed.
import type { JsonObject } from '../json.js';
import type { Anchor, AnchorKind } from './anchor.js';
import type { StringPattern } from './string-pattern.js';

/** A compiled pattern node. */
export type PatternNode = MapNode | ArrayNode | ScalarNode;

/** A scalar pattern leaf (string, number, boolean or null). */
export interface ScalarNode {
  readonly type: 'scalar';
  readonly value: string | number | boolean | null;
  /** The parsed string pattern when `value` is a string. */
  readonly text: StringPattern | undefined;
  /** Go `%v` of the pattern value, for messages. */
  readonly display: string;
}

/** An array pattern. */
export interface ArrayNode {
  readonly type: 'array';
  readonly items: readonly PatternNode[];
}

/** One key of a map pattern. */
export interface MapEntry {
  /** The key as written, e.g. `=(name)`. */
  readonly rawKey: string;
  /** The resource key it addresses (the bare key for anchors). */
  readonly key: string;
  readonly kind: AnchorKind | 'plain';
  readonly node: PatternNode;
  /** The value is exactly the string `"*"` (plain keys: "present and not null"). */
  readonly star: boolean;
}

/** Wildcard label/annotation keys under `metadata` that are renamed to matching resource keys before matching. */
export interface MetadataExpansion {
  /** The entry of this map whose key is `metadata` (plain or anchored). */
  readonly entry: MapEntry;
  /** Raw `metadata` pattern object. */
  readonly raw: JsonObject;
  /** The labels/annotations maps inside `metadata` that hold wildcard keys or non-string values. */
  readonly tags: readonly ExpandableTag[];
  /** Expanded map nodes by the renamed keys they use (bounded memo; resources mostly share label keys). */
  readonly memo: Map<string, MapNode>;
}

/** A labels or annotations pattern map with wildcard keys or non-string values. */
export interface ExpandableTag {
  readonly tag: 'labels' | 'annotations';
  /** The key of the map inside `metadata` (`labels`, `=(labels)`, …). */
  readonly rawKey: string;
  /** Its keys containing `*` or `?`, anchors included, in pattern order. */
  readonly wildcardKeys: readonly string[];
  /** The anchor of each wildcard key (undefined for a plain key), parsed when the pattern is compiled. */
  readonly wildcardAnchors: readonly (Anchor | undefined)[];
  /** Whether some value is not a string: Kyverno drops those entries when it expands the map. */
  readonly hasNonStrings: boolean;
}

/** A map pattern split into Kyverno's two phases. */
export interface MapNode {
  readonly type: 'map';
  /** Conditional, equality, existence and negation anchors in ascending byte order of the raw key. */
  readonly anchors: readonly MapEntry[];
  /** Plain keys and global anchors in evaluation order. */
  readonly body: readonly MapEntry[];
  /** Conditional and existence anchors, for the "anchor key never found" bookkeeping (§4.4.6). */
  readonly tracked: readonly MapEntry[];
  readonly metadata: MetadataExpansion | undefined;
  /** Some key of this map or below it is a conditional, equality, existence, negation or global anchor. */
  readonly anchored: boolean;
}

/** A compiled validate pattern, safe to share across resources and evaluations. */
export interface CompiledPattern {
  readonly root: PatternNode;
  /** The pattern holds conditional or existence anchors (§4.4.6 bookkeeping is needed). */
  readonly tracksAnchors: boolean;
}
