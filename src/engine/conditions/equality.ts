// Kyverno: spec §5.3 — Equals/NotEquals. The *value* is the wildcard pattern; the key's type decides the rule.
import { deepEqual, isObject, type JsonValue } from '../json.js';
import { parseQuantity, compareQuantities } from '../primitives/quantity.js';
import { wildcardMatch } from '../primitives/wildcard.js';
import { durationPair } from './duration-pair.js';
import { parseGoFloat } from './go-parse-float.js';

/** Equals with a string key: durations first, then quantities (no wildcard fallback), then wildcard. */
function stringEquals(key: string, value: JsonValue): boolean {
  const d = durationPair(key, value);
  if (d) return d[0] === d[1];
  const kq = parseQuantity(key);
  if (kq !== undefined && typeof value === 'string') {
    // Kyverno: spec Appendix A.7 — a quantity-like key never falls back to wildcards ("100" Equals "*" is false).
    const vq = parseQuantity(value);
    return vq !== undefined && compareQuantities(kq, vq) === 0;
  }
  return typeof value === 'string' && wildcardMatch(value, key);
}

/** NotEquals with a string key: Equals negated, except an unparsable quantity value is false. */
function stringNotEquals(key: string, value: JsonValue): boolean {
  const d = durationPair(key, value);
  if (d) return d[0] !== d[1];
  const kq = parseQuantity(key);
  // Kyverno: spec §5.3 — for a quantity-like key an empty-string value uses the wildcard rule instead.
  if (kq !== undefined && typeof value === 'string' && value !== '') {
    const vq = parseQuantity(value);
    return vq !== undefined && compareQuantities(kq, vq) !== 0;
  }
  return typeof value === 'string' ? !wildcardMatch(value, key) : true;
}

/** A number key against a number, or a string read with Go's ParseFloat; undefined when not comparable. */
function numberEquals(key: number, value: JsonValue): boolean | undefined {
  if (typeof value === 'number') return key === value;
  if (typeof value !== 'string') return undefined;
  const parsed = parseGoFloat(value);
  return parsed === undefined ? undefined : parsed === key;
}

/** Kyverno `Equals`/`Equal`: type-directed equality; a type mismatch is false. */
export function equals(key: JsonValue, value: JsonValue): boolean {
  if (typeof key === 'boolean') return typeof value === 'boolean' && key === value;
  if (typeof key === 'number') return numberEquals(key, value) ?? false;
  if (typeof key === 'string') return stringEquals(key, value);
  if (Array.isArray(key)) return Array.isArray(value) && deepEqual(key, value);
  if (isObject(key)) return isObject(value) && deepEqual(key, value);
  return false; // Kyverno: spec Appendix A.7 — a null key is never equal
}

/** Kyverno `NotEquals`/`NotEqual`: a type mismatch is true, a null key is false. */
export function notEquals(key: JsonValue, value: JsonValue): boolean {
  if (typeof key === 'boolean') return typeof value !== 'boolean' || key !== value;
  if (typeof key === 'number') {
    const eq = numberEquals(key, value);
    return eq === undefined ? true : !eq;
  }
  if (typeof key === 'string') return stringNotEquals(key, value);
  if (Array.isArray(key)) return !Array.isArray(value) || !deepEqual(key, value);
  if (isObject(key)) return !isObject(value) || !deepEqual(key, value);
  return false; // Kyverno: spec Appendix A.7 — a null key is false for NotEquals too
}
