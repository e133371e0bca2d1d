// Kyverno: spec §5.4 — how the set operators read a string `value` as a list of items.
import type { JsonValue } from '../json.js';
import { wildcardMatch } from '../primitives/wildcard.js';

/** Parses JSON text, or undefined when it is not valid JSON (Go `json.Valid`). */
function parseJson(text: string): { value: JsonValue } | undefined {
  try {
    return { value: JSON.parse(text) as JsonValue };
  } catch {
    return undefined;
  }
}

/** Go `json.Unmarshal` into `[]string` of a parsed document: null is empty, a null item is "", others fail. */
function asStringSlice(doc: JsonValue): string[] | undefined {
  if (doc === null) return [];
  if (!Array.isArray(doc)) return undefined;
  const out: string[] = [];
  for (const item of doc) {
    if (item !== null && typeof item !== 'string') return undefined;
    out.push(item ?? '');
  }
  return out;
}

/** A string that must be a JSON array of strings (`In`/`NotIn`); undefined when it is not. */
export function jsonStringArray(text: string): string[] | undefined {
  const doc = parseJson(text);
  return doc === undefined ? undefined : asStringSlice(doc.value);
}

/**
 * The items of an `AnyIn`/`AllIn`/`AnyNotIn`/`AllNotIn` string value: a JSON array of strings when the
 * string is valid JSON (undefined if that JSON is not such an array), otherwise the string itself.
 */
export function stringValueItems(text: string): string[] | undefined {
  const doc = parseJson(text);
  return doc === undefined ? [text] : asStringSlice(doc.value);
}

/** Kyverno's two-way wildcard match: either side may be the pattern. */
export function matchesEitherWay(a: string, b: string): boolean {
  return wildcardMatch(a, b) || wildcardMatch(b, a);
}
