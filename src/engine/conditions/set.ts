// Kyverno: spec §5.4 — AnyIn, AllIn, AnyNotIn, AllNotIn.
import type { JsonValue } from '../json.js';
import { wildcardMatch } from '../primitives/wildcard.js';
import { goSprint } from './go-sprint.js';
import { isRangeValue, matchesStringPattern, negateRange } from './range-pattern.js';
import { matchesEitherWay, stringValueItems } from './set-values.js';

/** The non-deprecated set operators. */
export type SetOperator = 'AnyIn' | 'AllIn' | 'AnyNotIn' | 'AllNotIn';

/** Whether a scalar key is in the value; undefined when the value has an invalid type or JSON. */
function scalarKeyIn(key: string, value: JsonValue): boolean | undefined {
  if (Array.isArray(value)) {
    for (const v of value) if (matchesEitherWay(goSprint(v), key)) return true;
    return false;
  }
  if (typeof value !== 'string') return undefined;
  if (wildcardMatch(value, key)) return true;
  if (isRangeValue(value)) return matchesStringPattern(key, value);
  const items = stringValueItems(value);
  return items === undefined ? undefined : items.includes(key);
}

/** Whether `key` matches one of `items`, either way round. */
function inItems(items: readonly string[], key: string): boolean {
  for (const item of items) if (matchesEitherWay(key, item)) return true;
  return false;
}

// Combines per-key membership in `items` the way each operator quantifies over a list key. Plain loops: conditions
// run for every rule of every request, and a closure per key test was most of what they allocated.
function quantify(op: SetOperator, keys: readonly string[], items: readonly string[]): boolean {
  // The first key that is in the items (AnyIn, AllNotIn), or is not (AllIn, AnyNotIn), decides: true for the Any
  // operators, false for the All ones; no such key decides the other way.
  const decidedByIn = op === 'AnyIn' || op === 'AllNotIn';
  const any = op === 'AnyIn' || op === 'AnyNotIn';
  for (const k of keys) if (inItems(items, k) === decidedByIn) return any;
  return !any;
}

/** A list key against a range value; the negated operators test the `A!-B` form. */
function listKeyInRange(op: SetOperator, keys: string[], range: string): boolean {
  if (op === 'AnyIn' || op === 'AllIn') {
    const inRange = (k: string) => matchesStringPattern(k, range);
    return op === 'AnyIn' ? keys.some(inRange) : keys.every(inRange);
  }
  const outside = (k: string) => matchesStringPattern(k, negateRange(range));
  return op === 'AnyNotIn' ? keys.some(outside) : keys.every(outside);
}

/** A list key (items stringified) against the value; undefined when the value is invalid. */
function listKeyIn(op: SetOperator, keys: string[], value: JsonValue): boolean | undefined {
  if (Array.isArray(value)) return quantify(op, keys, sprintEach(value));
  if (typeof value !== 'string') return undefined;
  // Kyverno: a one-element key equal to the whole string value short-circuits.
  if (keys.length === 1 && keys[0] === value) return op === 'AnyIn' || op === 'AllIn';
  if (isRangeValue(value)) return listKeyInRange(op, keys, value);
  const items = stringValueItems(value);
  return items === undefined ? undefined : quantify(op, keys, items);
}

// A list of strings (image lists, allow-lists: the usual operands) is its own sprint, and is not copied.
function sprintEach(list: JsonValue[]): string[] {
  for (const x of list) if (typeof x !== 'string') return list.map(goSprint);
  return list as string[];
}

/** Kyverno's AnyIn/AllIn/AnyNotIn/AllNotIn; map and null keys and invalid values are false. */
export function setOperator(op: SetOperator, key: JsonValue, value: JsonValue): boolean {
  if (Array.isArray(key)) return listKeyIn(op, sprintEach(key), value) ?? false;
  if (key === null || typeof key === 'object') return false;
  const found = scalarKeyIn(goSprint(key), value);
  if (found === undefined) return false;
  return op === 'AnyIn' || op === 'AllIn' ? found : !found;
}
