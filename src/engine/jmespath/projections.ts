// Projections, flatten, filters and slices (go-jmespath semantics with Kyverno's NotFound rules, spec §6.4).
import { JmesPathError } from './errors.js';
import { Missing, orNull, type EvalState, type Evaluator } from './runtime.js';
import { isFalse, isValueObject, type Value } from './values.js';

// go-jmespath returns null, not an error, when the left side of a filter, flatten or
// value projection fails for any reason; NotFound on the left of `[*]` is swallowed too.
function leftOrNull(left: Evaluator, value: Value, state: EvalState, swallowErrors: boolean): Value {
  if (!swallowErrors) return orNull(left(value, state));
  try {
    return orNull(left(value, state));
  } catch (err) {
    if (err instanceof JmesPathError) return null;
    throw err;
  }
}

// Results are sized up front and trimmed: pushing onto [] reserves seventeen slots, and most projections here run
// over a pod's one or two containers (every query of every rule of every request).
function project(items: Value[], right: Evaluator, state: EvalState): Value[] {
  const out = new Array<Value>(items.length);
  let n = 0;
  for (const item of items) {
    const r = right(item, state);
    if (r !== null && !(r instanceof Missing)) out[n++] = r;
  }
  out.length = n;
  return out;
}

/** `left[*].right`, `left[].right`, `left[a:b].right`: null results are dropped. */
export function buildProjection(left: Evaluator, right: Evaluator): Evaluator {
  return (value, state) => {
    const l = leftOrNull(left, value, state, false);
    return Array.isArray(l) ? project(l, right, state) : null;
  };
}

/** `left[?condition].right`. */
export function buildFilterProjection(left: Evaluator, right: Evaluator, condition: Evaluator): Evaluator {
  return (value, state) => {
    const l = leftOrNull(left, value, state, true);
    if (!Array.isArray(l)) return null;
    const kept = l.filter((item) => !isFalse(orNull(condition(item, state))));
    return project(kept, right, state);
  };
}

/** `*.right` over an object's values (in insertion order; Go's map order is random). */
export function buildValueProjection(left: Evaluator, right: Evaluator): Evaluator {
  return (value, state) => {
    const l = leftOrNull(left, value, state, true);
    return isValueObject(l) ? project(Object.values(l), right, state) : null;
  };
}

/** `child[]`: flattens one level. */
export function buildFlatten(child: Evaluator): Evaluator {
  return (value, state) => {
    const l = leftOrNull(child, value, state, true);
    if (!Array.isArray(l)) return null;
    // Sized up front, as project's results.
    let size = 0;
    for (const item of l) size += Array.isArray(item) ? item.length : 1;
    const out = new Array<Value>(size);
    let n = 0;
    for (const item of l) {
      if (Array.isArray(item)) for (const x of item) out[n++] = x;
      else out[n++] = item;
    }
    return out;
  };
}

/** `[start:stop:step]` on an array (null for strings and everything else, unlike jmespath-community). */
export function buildSlice(start: number | null, stop: number | null, step: number | null): Evaluator {
  return (value) => {
    if (!Array.isArray(value)) return null;
    if (step === 0) throw new JmesPathError('Invalid slice, step cannot be 0');
    const s = step ?? 1;
    const len = value.length;
    const from = start === null ? (s < 0 ? len - 1 : 0) : capSlice(len, start, s);
    const to = stop === null ? (s < 0 ? -1 : len) : capSlice(len, stop, s);
    const out: Value[] = [];
    if (s > 0) for (let i = from; i < to; i += s) out.push(value[i]);
    else for (let i = from; i > to; i += s) out.push(value[i]);
    return out;
  };
}

function capSlice(length: number, actual: number, step: number): number {
  if (actual < 0) {
    const v = actual + length;
    return v < 0 ? (step < 0 ? -1 : 0) : v;
  }
  if (actual >= length) return step < 0 ? length - 1 : length;
  return actual;
}
