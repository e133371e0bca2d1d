// Kyverno's arithmetic functions (spec §6.7 "Arithmetic"): numbers, Kubernetes quantities and Go durations.
import { formatDuration, parseDuration } from '../../primitives/duration.js';
import {
  addQuantities,
  divideQuantities,
  divideQuantityByNumber,
  formatQuantity,
  moduloQuantities,
  multiplyQuantity,
  parseQuantity,
  QuantityError,
  subtractQuantities,
  type Quantity,
} from '../../primitives/quantity.js';
import { functionError } from '../errors.js';
import type { Arg } from '../runtime.js';
import type { Value } from '../values.js';
import { arg, kyvernoFunction, type FunctionSpec } from './types.js';

type Operand = { kind: 'scalar'; n: number } | { kind: 'quantity'; q: Quantity } | { kind: 'duration'; ns: number };

const typesMismatch = (name: string) => functionError(name, 'Types mismatch');
const zeroDivisor = (name: string) => functionError(name, 'Zero divisor passed');
const nonInteger = (name: string) => functionError(name, 'Non-integer argument(s) passed for modulo');

// Kyverno: spec §6.7 — a string is a quantity if it parses as one (so '12' is a quantity), else a duration.
function operand(v: Arg, name: string): Operand {
  if (typeof v === 'number') return { kind: 'scalar', n: v };
  if (typeof v === 'string') {
    const q = parseQuantity(v);
    if (q !== undefined) return { kind: 'quantity', q };
    const ns = parseDuration(v);
    if (ns !== undefined) return { kind: 'duration', ns };
  }
  throw functionError(name, 'invalid operand');
}

/** Go's Duration.Seconds(): whole seconds plus the fractional remainder, as a float. */
function seconds(ns: number): number {
  const whole = Math.trunc(ns / 1e9);
  return whole + (ns - whole * 1e9) / 1e9;
}

// time.Duration(seconds * float64(time.Second)): the float is truncated toward zero.
const durationOfSeconds = (s: number): string => formatDuration(Math.trunc(s * 1e9));

// add/subtract: both operands of the same kind.
function addOperands(a: Arg, b: Arg, name: string, sign: 1 | -1): Value {
  const x = operand(a, name);
  const y = operand(b, name);
  if (x.kind === 'scalar' && y.kind === 'scalar') return x.n + sign * y.n;
  if (x.kind === 'quantity' && y.kind === 'quantity')
    return formatQuantity(sign > 0 ? addQuantities(x.q, y.q) : subtractQuantities(x.q, y.q));
  if (x.kind === 'duration' && y.kind === 'duration') return formatDuration(x.ns + sign * y.ns);
  throw typesMismatch(name);
}

function multiply(a: Arg, b: Arg): Value {
  const x = operand(a, 'multiply');
  const y = operand(b, 'multiply');
  if (x.kind === 'scalar' && y.kind === 'scalar') return x.n * y.n;
  // Scalar × quantity|duration is evaluated as quantity|duration × scalar.
  const [l, r] = x.kind === 'scalar' ? [y, x] : [x, y];
  if (r.kind !== 'scalar') throw typesMismatch('multiply');
  if (l.kind === 'quantity') return formatQuantity(multiplyQuantity(l.q, r.n));
  if (l.kind === 'duration') return durationOfSeconds(seconds(l.ns) * r.n);
  throw typesMismatch('multiply');
}

function divide(a: Arg, b: Arg): Value {
  const x = operand(a, 'divide');
  const y = operand(b, 'divide');
  if (x.kind === 'scalar' && y.kind === 'scalar') {
    if (y.n === 0) throw zeroDivisor('divide');
    return x.n / y.n;
  }
  if (x.kind === 'quantity' && y.kind !== 'duration') {
    return y.kind === 'quantity' ? divideQuantities(x.q, y.q) : formatQuantity(divideQuantityByNumber(x.q, y.n));
  }
  if (x.kind === 'duration' && y.kind !== 'quantity') {
    const divisor = y.kind === 'duration' ? seconds(y.ns) : y.n;
    if (divisor === 0) throw zeroDivisor('divide');
    return y.kind === 'duration' ? seconds(x.ns) / divisor : durationOfSeconds(seconds(x.ns) / divisor);
  }
  throw typesMismatch('divide');
}

function modulo(a: Arg, b: Arg): Value {
  const x = operand(a, 'modulo');
  const y = operand(b, 'modulo');
  if (x.kind === 'scalar' && y.kind === 'scalar') {
    if (!Number.isInteger(x.n) || !Number.isInteger(y.n)) throw nonInteger('modulo');
    if (y.n === 0) throw zeroDivisor('modulo');
    return (x.n % y.n) + 0;
  }
  if (x.kind === 'quantity' && y.kind === 'quantity') return formatQuantity(moduloQuantities(x.q, y.q));
  if (x.kind === 'duration' && y.kind === 'duration') {
    if (y.ns === 0) throw zeroDivisor('modulo');
    return formatDuration((x.ns % y.ns) + 0);
  }
  throw typesMismatch('modulo');
}

// math.Round: half away from zero.
function round(n: number, places: number): number {
  if (!Number.isInteger(places)) throw functionError('round', 'Non-integer argument(s) passed for round off');
  // Kyverno formats its out-of-bounds message without the arguments, so Go prints `%!d(MISSING)` twice.
  if (places < 0) throw functionError('round', '%!d(MISSING) argument is out of bounds (%!d(MISSING))');
  const shift = 10 ** places;
  const scaled = n * shift;
  return (scaled < 0 ? -Math.round(-scaled) : Math.round(scaled)) / shift;
}

function sum(items: Value[]): Value {
  if (items.length === 0) throw functionError('sum', 'at least one element in the array is required');
  return items.slice(1).reduce<Value>((acc, item) => addOperands(acc, item, 'sum', 1), items[0]);
}

// Quantity primitives report zero divisors, non-integers and bad scalars as QuantityError.
function guarded(name: string, fn: (a: Arg, b: Arg) => Value): FunctionSpec {
  return kyvernoFunction(name, [arg('any'), arg('any')], ([a, b]) => {
    try {
      return fn(a, b);
    } catch (err) {
      if (err instanceof RangeError) throw functionError(name, err.message);
      if (!(err instanceof QuantityError)) throw err;
      if (err.kind === 'zeroDivision') throw zeroDivisor(name);
      if (err.kind === 'nonInteger') throw nonInteger(name);
      throw functionError(name, err.message);
    }
  });
}

/** add … round. */
export const ARITHMETIC_FUNCTIONS: readonly FunctionSpec[] = [
  guarded('add', (a, b) => addOperands(a, b, 'add', 1)),
  guarded('subtract', (a, b) => addOperands(a, b, 'subtract', -1)),
  guarded('multiply', multiply),
  guarded('divide', divide),
  guarded('modulo', modulo),
  kyvernoFunction('round', [arg('number'), arg('number')], ([n, p]) => round(n as number, p as number)),
  kyvernoFunction('sum', [arg('array')], ([xs]) => sum(xs as Value[])),
];
