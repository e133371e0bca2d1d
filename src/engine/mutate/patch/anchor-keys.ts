// Kyverno: spec §8.3 stage 1 — which anchors a patch node carries (Kyverno's hasAnchors / ContainsCondition).
import { isObject, type JsonValue } from '../../json.js';
import { parseAnchor, type Anchor } from '../../pattern/anchor.js';

/** A test on a parsed anchor. */
export type AnchorTest = (a: Anchor) => boolean;

/** Conditional `(k)` or global `<(k)` anchor (Kyverno's ContainsCondition). */
export const isConditionOrGlobal: AnchorTest = (a) => a.kind === 'condition' || a.kind === 'global';

/** Any anchor that stage 1 resolves: `(k)`, `<(k)` or `+(k)`. */
export const isMutateAnchor: AnchorTest = (a) => isConditionOrGlobal(a) || a.kind === 'addIfNotPresent';

/** Global anchor `<(k)`. */
export const isGlobal: AnchorTest = (a) => a.kind === 'global';

/** Does `node` hold a key accepted by `test` anywhere inside it? */
export function hasAnchors(node: JsonValue, test: AnchorTest): boolean {
  if (Array.isArray(node)) {
    for (const e of node) if (hasAnchors(e, test)) return true;
    return false;
  }
  if (isObject(node)) {
    for (const k in node) {
      const a = parseAnchor(k);
      if ((a !== undefined && test(a)) || hasAnchors(node[k], test)) return true;
    }
    return false;
  }
  // Kyverno: a scalar *value* shaped like `(x)` or `<(x)` also counts, whatever the test.
  const a = typeof node === 'string' ? parseAnchor(node) : undefined;
  return a !== undefined && isConditionOrGlobal(a);
}

/** The keys of a map (in order) whose anchor passes `test`, with their parsed anchors. */
export function anchoredKeys(node: JsonValue, test: AnchorTest): readonly { raw: string; anchor: Anchor }[] {
  if (!isObject(node)) return NONE;
  let out: { raw: string; anchor: Anchor }[] | undefined;
  for (const raw in node) {
    const anchor = parseAnchor(raw);
    if (anchor && test(anchor)) (out ??= []).push({ raw, anchor });
  }
  return out ?? NONE;
}

// Most maps have no anchor of the kind asked for: one shared empty answer.
const NONE: readonly { raw: string; anchor: Anchor }[] = [];
