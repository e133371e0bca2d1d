// Runtime values of the interpreter: JSON values plus Go's `int` (only `compare` produces one).
import type { JsonValue } from '../json.js';

/**
 * A Go `int` inside a JMESPath evaluation. Kyverno: spec §6.7 `compare` returns an int, which is
 * neither a JMESPath number (so type checks and ordering fail) nor equal to any float64.
 */
export class GoInt {
  constructor(readonly value: number) {}
}

/** A value flowing through the interpreter. */
export type Value = null | boolean | number | string | GoInt | Value[] | ValueObject;
/** An object value. */
export interface ValueObject {
  [key: string]: Value;
}

/** True for a JSON object (not an array, not null, not a GoInt). */
export function isValueObject(v: Value): v is ValueObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoInt);
}

/** JMESPath falsiness (go-jmespath isFalse): null, false, '', [] and {} are false; every number is true. */
export function isFalse(v: Value): boolean {
  if (v === null || v === false || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isValueObject(v)) {
    for (const k in v) if (Object.hasOwn(v, k)) return false;
    return true;
  }
  return false;
}

/** Go reflect.DeepEqual over JSON values: a GoInt only equals a GoInt of the same value. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a instanceof GoInt || b instanceof GoInt) {
    return a instanceof GoInt && b instanceof GoInt && a.value === b.value;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => valuesEqual(x, b[i]));
  }
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  return ak.every((k) => Object.hasOwn(b, k) && valuesEqual(a[k], b[k]));
}

/** Go string ordering (UTF-8 bytes, i.e. code points) for two JS strings: -1, 0 or 1. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after U+E000–U+FFFF in code point order.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Converts an interpreter result to plain JSON (GoInt becomes a number); `hasInt` skips the walk when none exist. */
export function toJsonValue(v: Value, hasInt: boolean): JsonValue {
  if (!hasInt) return v as JsonValue;
  if (v instanceof GoInt) return v.value;
  if (Array.isArray(v)) return v.map((x) => toJsonValue(x, true));
  if (isValueObject(v)) {
    const out: ValueObject = {};
    for (const k of Object.keys(v)) setKey(out, k, toJsonValue(v[k], true));
    return out as JsonValue;
  }
  return v;
}

/** A deep copy of a literal so results never alias the compiled expression. */
export function cloneValue(v: Value): Value {
  if (Array.isArray(v)) return v.map(cloneValue);
  if (isValueObject(v)) {
    const out: ValueObject = {};
    for (const k of Object.keys(v)) setKey(out, k, cloneValue(v[k]));
    return out;
  }
  return v;
}

/** Sets an own property, also for the key `__proto__` (a plain assignment would change the prototype). */
export function setKey(obj: ValueObject, key: string, value: Value): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
