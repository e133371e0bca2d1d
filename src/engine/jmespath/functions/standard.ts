// go-jmespath's standard functions (spec §6.4), with Go's semantics where they differ from the JMESPath spec.
import { goJsonStringify } from '../../primitives/go-format.js';
import { JmesPathError } from '../errors.js';
import { GoInt, compareGoStrings, setKey, toJsonValue, valuesEqual, type Value, type ValueObject } from '../values.js';
import { arg, standardFunction, type FunctionSpec } from './types.js';
import { EXPREF_FUNCTIONS } from './standard-expref.js';

const num = (v: unknown): number => v as number;
const str = (v: unknown): string => v as string;
const arr = (v: unknown): Value[] => v as Value[];
const obj = (v: unknown): ValueObject => v as ValueObject;

// Number of Unicode code points (Go counts runes, not UTF-16 units).
function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else if ((s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n++;
      i++;
    } else n++;
  }
  return n;
}

function length(v: Value): number {
  if (typeof v === 'string') return runeCount(v);
  if (Array.isArray(v)) return v.length;
  return Object.keys(obj(v)).length;
}

// Go compares interface values with ==: scalars by value; compound values are never found.
function contains(haystack: Value, needle: Value): boolean {
  if (typeof haystack === 'string') return typeof needle === 'string' && haystack.includes(needle);
  return arr(haystack).some((item) => item === needle || (item instanceof GoInt && valuesEqual(item, needle)));
}

function extreme(items: Value[], pickGreater: boolean): Value {
  if (items.length === 0) return null;
  let best = items[0];
  for (const item of items.slice(1)) {
    const cmp = typeof item === 'number' ? item - num(best) : compareGoStrings(str(item), str(best));
    if (pickGreater ? cmp > 0 : cmp < 0) best = item;
  }
  return best;
}

function sortValues(items: Value[]): Value[] {
  const copy = items.slice();
  if (copy.every((x) => typeof x === 'number')) return copy.sort((a, b) => num(a) - num(b));
  return copy.sort((a, b) => compareGoStrings(str(a), str(b)));
}

function merge(objects: Value[]): ValueObject {
  const out: ValueObject = {};
  for (const o of objects) for (const k of Object.keys(obj(o))) setKey(out, k, obj(o)[k]);
  return out;
}

function typeName(v: Value): string {
  if (v === null) return 'null';
  if (v instanceof GoInt) throw new JmesPathError('unknown type');
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

function toStringValue(v: Value): string {
  if (typeof v === 'string') return v;
  try {
    return goJsonStringify(toJsonValue(v, true));
  } catch (err) {
    if (err instanceof RangeError) throw new JmesPathError(err.message);
    throw err;
  }
}

// strconv.ParseFloat: decimal or exponent notation, inf/infinity/nan; anything else (or overflow) is null.
const GO_FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;
function toNumber(v: Value): Value {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') {
    if (v instanceof GoInt) throw new JmesPathError('unknown type');
    return null;
  }
  if (!GO_FLOAT.test(v)) return null;
  const lower = v.toLowerCase().replace(/^[+]/, '');
  if (lower.endsWith('nan')) return NaN;
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** The standard functions other than those taking expression references. */
export const STANDARD_FUNCTIONS: readonly FunctionSpec[] = [
  standardFunction('abs', [arg('number')], ([x]) => Math.abs(num(x))),
  // go-jmespath divides by zero for []: NaN is not JSON, so the JMESPath spec's null is returned.
  standardFunction('avg', [arg('array[number]')], ([x]) =>
    arr(x).length === 0 ? null : arr(x).reduce<number>((s, n) => s + num(n), 0) / arr(x).length,
  ),
  standardFunction('ceil', [arg('number')], ([x]) => Math.ceil(num(x))),
  standardFunction('contains', [arg('array', 'string'), arg('any')], ([h, n]) => contains(h as Value, n as Value)),
  standardFunction('ends_with', [arg('string'), arg('string')], ([s, x]) => str(s).endsWith(str(x))),
  standardFunction('floor', [arg('number')], ([x]) => Math.floor(num(x))),
  standardFunction('join', [arg('string'), arg('array[string]')], ([sep, xs]) => arr(xs).join(str(sep))),
  standardFunction('keys', [arg('object')], ([o]) => Object.keys(obj(o))),
  standardFunction('length', [arg('string', 'array', 'object')], ([x]) => length(x as Value)),
  standardFunction('max', [arg('array[number]', 'array[string]')], ([xs]) => extreme(arr(xs), true)),
  standardFunction('merge', [{ types: ['object'], variadic: true }], (xs) => merge(xs as Value[])),
  standardFunction('min', [arg('array[number]', 'array[string]')], ([xs]) => extreme(arr(xs), false)),
  standardFunction(
    'not_null',
    [{ types: ['any'], variadic: true }],
    (xs) => (xs as Value[]).find((x) => x !== null) ?? null,
  ),
  standardFunction('reverse', [arg('array', 'string')], ([x]) =>
    typeof x === 'string' ? Array.from(x).reverse().join('') : arr(x).slice().reverse(),
  ),
  standardFunction('sort', [arg('array[string]', 'array[number]')], ([xs]) => sortValues(arr(xs))),
  standardFunction('starts_with', [arg('string'), arg('string')], ([s, x]) => str(s).startsWith(str(x))),
  standardFunction('to_array', [arg('any')], ([x]) => (Array.isArray(x) ? x : [x as Value])),
  standardFunction('to_number', [arg('any')], ([x]) => toNumber(x as Value)),
  standardFunction('to_string', [arg('any')], ([x]) => toStringValue(x as Value)),
  standardFunction('type', [arg('any')], ([x]) => typeName(x as Value)),
  standardFunction('values', [arg('object')], ([o]) => Object.values(obj(o))),
  ...EXPREF_FUNCTIONS,
];
