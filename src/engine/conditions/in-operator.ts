// Kyverno: spec §5.4 — the deprecated In/NotIn: wildcards for a scalar key, exact membership for a list key.
import type { JsonValue } from '../json.js';
import { wildcardMatch } from '../primitives/wildcard.js';
import { goSprint } from './go-sprint.js';
import { jsonStringArray, matchesEitherWay } from './set-values.js';

/** Whether a scalar key is in the value; undefined when the value is invalid (not a list or JSON array). */
function scalarKeyIn(key: string, value: JsonValue): boolean | undefined {
  if (Array.isArray(value)) return value.some((v) => matchesEitherWay(goSprint(v), key));
  if (typeof value !== 'string') return undefined;
  if (wildcardMatch(value, key)) return true;
  return jsonStringArray(value)?.includes(key);
}

/** The value's items as exact strings for a list key; undefined when any item is not a string. */
function exactItems(value: JsonValue): string[] | undefined {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
  return typeof value === 'string' ? jsonStringArray(value) : undefined;
}

/** A list key (strings only) against the value; undefined when key or value is invalid. */
function listKeyIn(notIn: boolean, key: JsonValue[], value: JsonValue): boolean | undefined {
  // Go asserts every key item is a string (and panics otherwise); we report the condition as false.
  if (!key.every((k) => typeof k === 'string')) return undefined;
  const keys = key as string[];
  // Kyverno: a one-element key equal to the string value is "found" for In *and* for NotIn.
  if (typeof value === 'string' && keys.length === 1 && keys[0] === value) return true;
  const items = exactItems(value);
  if (items === undefined) return undefined;
  const set = new Set(items);
  return notIn ? keys.some((k) => !set.has(k)) : keys.every((k) => set.has(k));
}

/** Kyverno's deprecated `In` (notIn false) and `NotIn` (notIn true); invalid values are false for both. */
export function inOperator(notIn: boolean, key: JsonValue, value: JsonValue): boolean {
  if (Array.isArray(key)) return listKeyIn(notIn, key, value) ?? false;
  if (key === null || typeof key === 'object') return false;
  const found = scalarKeyIn(goSprint(key), value);
  if (found === undefined) return false;
  return notIn ? !found : found;
}
