// Standard functions taking an expression reference: map, sort_by, max_by, min_by (go-jmespath semantics).
import { JmesPathError } from '../errors.js';
import { orNull, type EvalState, type ExpRef } from '../runtime.js';
import { compareGoStrings, type Value } from '../values.js';
import { arg, standardFunction, type FunctionSpec } from './types.js';

// NotFound inside an expression reference becomes null, as in Kyverno's interpreter.
function apply(ref: ExpRef, item: Value, state: EvalState): Value {
  return orNull(ref.evaluate(item, state));
}

// Keys must all be numbers or all strings, decided by the first element's key.
function sortKeys(items: Value[], ref: ExpRef, state: EvalState): { keys: Value[]; numeric: boolean } {
  const keys = items.map((item) => apply(ref, item, state));
  const numeric = typeof keys[0] === 'number';
  if (!numeric && typeof keys[0] !== 'string') throw new JmesPathError('invalid type, must be number of string');
  return { keys, numeric };
}

function compareKeys(a: Value, b: Value, numeric: boolean): number {
  return numeric ? (a as number) - (b as number) : compareGoStrings(a as string, b as string);
}

function sortBy(items: Value[], ref: ExpRef, state: EvalState): Value[] {
  if (items.length < 2) return items;
  const { keys, numeric } = sortKeys(items, ref, state);
  const kind = numeric ? 'number' : 'string';
  if (keys.some((k) => typeof k !== kind)) throw new JmesPathError('error in sort_by comparison');
  const order = items.map((_, i) => i).sort((i, j) => compareKeys(keys[i], keys[j], numeric) || i - j);
  return order.map((i) => items[i]);
}

function extremeBy(items: Value[], ref: ExpRef, state: EvalState, pickGreater: boolean): Value {
  if (items.length === 0) return null;
  if (items.length === 1) return items[0];
  const { keys, numeric } = sortKeys(items, ref, state);
  const kind = numeric ? 'number' : 'string';
  let best = 0;
  for (let i = 1; i < items.length; i++) {
    if (typeof keys[i] !== kind) throw new JmesPathError(`invalid type, must be ${kind}`);
    const cmp = compareKeys(keys[i], keys[best], numeric);
    if (pickGreater ? cmp > 0 : cmp < 0) best = i;
  }
  return items[best];
}

/** map, sort_by, max_by, min_by. */
export const EXPREF_FUNCTIONS: readonly FunctionSpec[] = [
  standardFunction('map', [arg('expref'), arg('array')], ([ref, xs], state) =>
    (xs as Value[]).map((x) => apply(ref as ExpRef, x, state)),
  ),
  standardFunction('sort_by', [arg('array'), arg('expref')], ([xs, ref], state) =>
    sortBy(xs as Value[], ref as ExpRef, state),
  ),
  standardFunction('max_by', [arg('array'), arg('expref')], ([xs, ref], state) =>
    extremeBy(xs as Value[], ref as ExpRef, state, true),
  ),
  standardFunction('min_by', [arg('array'), arg('expref')], ([xs, ref], state) =>
    extremeBy(xs as Value[], ref as ExpRef, state, false),
  ),
];
