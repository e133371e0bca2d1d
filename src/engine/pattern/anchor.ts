// Kyverno: spec §4.3 — anchor keys in validate patterns: `(k)`, `<(k)`, `=(k)`, `^(k)`, `X(k)`, `+(k)`.
import { isObject, type JsonValue } from '../json.js';
import { boundedMemo } from '../primitives/bounded-memo.js';

/** The six anchor kinds Kyverno recognises in pattern keys. */
export type AnchorKind = 'condition' | 'global' | 'equality' | 'existence' | 'negation' | 'addIfNotPresent';

/** A parsed anchor key: its kind and the bare resource key it wraps. */
export interface Anchor {
  readonly kind: AnchorKind;
  readonly key: string;
}

/** A load-time problem with an anchor-shaped key of a validate pattern. */
export interface AnchorProblem {
  readonly path: (string | number)[];
  readonly key: string;
  readonly message: string;
}

const PREFIXES: Readonly<Record<AnchorKind, string>> = {
  condition: '',
  global: '<',
  equality: '=',
  existence: '^',
  negation: 'X',
  addIfNotPresent: '+',
};

function kindOfModifier(c: string): AnchorKind | undefined {
  switch (c) {
    case '<':
      return 'global';
    case '=':
      return 'equality';
    case '^':
      return 'existence';
    case 'X':
      return 'negation';
    case '+':
      return 'addIfNotPresent';
    default:
      return undefined;
  }
}

/** Parse an anchor key such as `=(name)`; undefined for a plain key (the wrapped key must be non-empty). */
export function parseAnchor(key: string): Anchor | undefined {
  if (key.length < 3 || key.charCodeAt(key.length - 1) !== 0x29 /* ) */) return undefined;
  if (key.charCodeAt(0) !== 0x28 /* ( */ && (key.length < 4 || key.charCodeAt(1) !== 0x28)) return undefined;
  return anchorOf(key);
}

// Mutations parse the same patch keys for every element of every request: the parsed anchors are kept (they are
// never modified), so parsing allocates nothing after the first time.
const anchorOf = boundedMemo(1024, (key: string): Anchor | undefined => {
  if (key.charCodeAt(0) === 0x28) return { kind: 'condition', key: key.slice(1, -1) };
  const kind = kindOfModifier(key[0]);
  return kind === undefined ? undefined : { kind, key: key.slice(2, -1) };
});

/** True when `key` is one of Kyverno's anchors. */
export function isAnchorKey(key: string): boolean {
  return parseAnchor(key) !== undefined;
}

/** The raw key for an anchor of `kind` around `key`, e.g. `anchorKey('equality', 'a')` → `=(a)`. */
export function anchorKey(kind: AnchorKind, key: string): string {
  return `${PREFIXES[kind]}(${key})`;
}

// One punctuation character then `(…)`: shaped like an anchor, but Kyverno would treat it as a literal key.
const ANCHOR_SHAPED = /^[^A-Za-z0-9]\(.+\)$/s;

/** Anchor misuse in a validate pattern (Kyverno rejects `+()` and malformed `^()`; other `%(…)`-like keys are typos). */
export function findUnknownAnchors(pattern: JsonValue, path: (string | number)[] = []): AnchorProblem[] {
  const out: AnchorProblem[] = [];
  walk(pattern, path, out);
  return out;
}

function walk(v: JsonValue, path: (string | number)[], out: AnchorProblem[]): void {
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], out));
  else if (isObject(v))
    for (const [k, x] of Object.entries(v)) {
      const at = [...path, k];
      const message = keyProblem(k, x);
      if (message) out.push({ path: at, key: k, message });
      walk(x, at, out);
    }
}

function keyProblem(k: string, value: JsonValue): string | undefined {
  const a = parseAnchor(k);
  // Kyverno: policy validation accepts only (), <(), =(), ^() and X() in validate patterns.
  if (a?.kind === 'addIfNotPresent')
    return `unsupported anchor ${k}: +() is a mutate anchor and cannot be used in a validate pattern`;
  if (a?.kind === 'existence') {
    if (!Array.isArray(value)) return `existence anchor ${k} should have value of type list`;
    if (value.length === 0) return `existence anchor ${k} should have at least one value`;
  }
  if (!a && ANCHOR_SHAPED.test(k))
    return `unknown anchor ${k}: Kyverno anchors are (key), <(key), =(key), ^(key) and X(key); this key would be matched literally`;
  return undefined;
}
