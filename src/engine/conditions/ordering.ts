// Kyverno: spec §5.5 — GreaterThan/GreaterThanOrEquals/LessThan/LessThanOrEquals and the Duration* variants.
import type { JsonValue } from '../json.js';
import { parseDuration } from '../primitives/duration.js';
import { parseQuantity, compareQuantities } from '../primitives/quantity.js';
import { parseSemver, compareSemver } from '../primitives/semver.js';
import { durationPair, secondsToNanos } from './duration-pair.js';
import { parseGoFloat } from './go-parse-float.js';

/** How each ordering operator judges `key` against `value` (exact, canonical spelling only). */
const ORDERINGS: ReadonlyMap<string, (a: number, b: number) => boolean> = new Map([
  ['GreaterThan', (a: number, b: number) => a > b],
  ['GreaterThanOrEquals', (a: number, b: number) => a >= b],
  ['LessThan', (a: number, b: number) => a < b],
  ['LessThanOrEquals', (a: number, b: number) => a <= b],
]);

/** Applies `op` to two numbers; a non-canonical spelling of the operator is always false. */
function compare(op: string, a: number, b: number): boolean {
  // Kyverno: spec §5.2 — the handler compares the operator as written, so `greaterthan` never holds.
  const holds = ORDERINGS.get(op);
  return holds !== undefined && holds(a, b);
}

/** Number key: numbers compare numerically; a string value is a duration (key = seconds) or a Go float. */
function numberKey(op: string, key: number, value: JsonValue): boolean {
  if (typeof value === 'number') return compare(op, key, value);
  if (typeof value !== 'string') return false;
  const d = durationPair(key, value);
  if (d) return compare(op, d[0], d[1]);
  const parsed = parseGoFloat(value);
  return parsed !== undefined && compare(op, key, parsed);
}

/** String key: durations, then quantities (both strings), then a numeric key, then semantic versions. */
function stringKey(op: string, key: string, value: JsonValue): boolean {
  const d = durationPair(key, value);
  if (d) return compare(op, d[0], d[1]);
  const kq = parseQuantity(key);
  const vq = typeof value === 'string' ? parseQuantity(value) : undefined;
  if (kq !== undefined && vq !== undefined) return compare(op, compareQuantities(kq, vq), 0);
  const numeric = parseGoFloat(key);
  if (numeric !== undefined) return numberKey(op, numeric, value);
  const kv = parseSemver(key);
  if (kv === undefined || typeof value !== 'string') return false;
  const vv = parseSemver(value);
  return vv !== undefined && compare(op, compareSemver(kv, vv), 0);
}

/** Kyverno's numeric operators (`GreaterThan`, …): type mismatches are false. */
export function orderingOperator(op: string, key: JsonValue, value: JsonValue): boolean {
  if (typeof key === 'number') return numberKey(op, key, value);
  if (typeof key === 'string') return stringKey(op, key, value);
  return false;
}

/** A Duration* operand in nanoseconds: numbers are whole seconds, strings must be Go durations. */
function durationOperand(v: JsonValue): number | undefined {
  if (typeof v === 'number') return secondsToNanos(v);
  return typeof v === 'string' ? parseDuration(v) : undefined;
}

/** Kyverno's deprecated `Duration*` operators: both sides must read as durations, otherwise false. */
export function durationOperator(op: string, key: JsonValue, value: JsonValue): boolean {
  if (!op.startsWith('Duration')) return false; // Kyverno: spec §5.2 — exact spelling required
  const k = durationOperand(key);
  const v = durationOperand(value);
  return k !== undefined && v !== undefined && compare(op.slice('Duration'.length), k, v);
}
