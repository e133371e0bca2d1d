// Kyverno: spec §5.3 "Other cel-go extensions" — ext.Math (math.greatest/least, rounding, bits, sqrt…).
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { celCompare, typeName } from './equality.js';
import { UintClass, celError, celNamespace, checkInt64, isUint } from './runtime.js';

const MAX_VARARGS = 16;
const U64 = (1n << 64n) - 1n;

function isNumeric(v: unknown): boolean {
  return typeof v === 'bigint' || typeof v === 'number' || isUint(v);
}

/**
 * `math.greatest`/`math.least` over arguments or one list; mixed numeric types compare by value. The errors are
 * cel-go's, which knows the functions as `math.@max`/`math.@min` (`goName`): two arguments are dispatched as a
 * pair; one list or three and more arguments (made a list) are dispatched on the list's first element, and
 * comparing it with a later non-number fails in the loop.
 */
function extremum(goName: string, want: -1 | 1): (args: unknown[]) => unknown {
  return (args) => {
    if (args.length === 2 && !args.every(isNumeric)) {
      throw celError(`no such overload: ${goName}(${args.map(typeName).join(', ')})`);
    }
    const values = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    if (values.length === 0) throw celError(`${goName}(list) argument must not be empty`);
    if (!isNumeric(values[0])) throw celError(`no such overload: ${goName}(list)`);
    if (!values.every(isNumeric)) throw celError(`no such overload: ${goName}`);
    return values.reduce((best, v) => (celCompare(v, best) === want ? v : best));
  };
}

/** Go `math.Round`: half away from zero. */
export function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

function abs(v: unknown): unknown {
  if (typeof v === 'bigint') return checkInt64(v < 0n ? -v : v);
  return typeof v === 'number' ? Math.abs(v) : v;
}

function sign(v: unknown): unknown {
  if (typeof v === 'bigint') return v > 0n ? 1n : v < 0n ? -1n : 0n;
  if (typeof v === 'number') return Number.isNaN(v) ? v : v > 0 ? 1 : v < 0 ? -1 : 0;
  return new UintClass((v as { valueOf(): bigint }).valueOf() > 0n ? 1n : 0n);
}

/** ext.Math shifts: logical on the 64-bit pattern; a negative shift is an error, 64 or more gives 0. */
function shift(v: unknown, by: bigint, left: boolean): unknown {
  if (by < 0n) throw celError(`math.bitShift${left ? 'Left' : 'Right'}() negative offset: ${by}`);
  const unsigned = isUint(v);
  const bits = unsigned ? (v as { valueOf(): bigint }).valueOf() : BigInt.asUintN(64, v as bigint);
  const shifted = by >= 64n ? 0n : left ? (bits << by) & U64 : bits >> by;
  return unsigned ? new UintClass(shifted) : BigInt.asIntN(64, shifted);
}

function bitwise(op: (a: bigint, b: bigint) => bigint): (a: unknown, b: unknown) => unknown {
  return (a, b) => {
    if (isUint(a)) return new UintClass(op(a.valueOf(), (b as { valueOf(): bigint }).valueOf()) & U64);
    return BigInt.asIntN(64, op(a as bigint, b as bigint));
  };
}

/** Registers `math.<name>` once per numeric type in `types`. */
function perType(
  env: Environment,
  ns: string,
  name: string,
  types: string[],
  ret: string,
  fn: (v: unknown) => unknown,
) {
  for (const t of types)
    env.registerFunction(`${ns}.${name}(${t}): ${ret === '$' ? t : ret}`, (_ns: unknown, v: unknown) => fn(v));
}

function registerExtrema(env: Environment, ns: string): void {
  for (const [name, goName, want] of [
    ['greatest', 'math.@max', 1],
    ['least', 'math.@min', -1],
  ] as const) {
    const fn = extremum(goName, want);
    for (const t of ['int', 'uint', 'double']) {
      env.registerFunction(`${ns}.${name}(${t}): ${t}`, (_ns: unknown, v: unknown) => v);
      env.registerFunction(`${ns}.${name}(list<${t}>): ${t}`, (_ns: unknown, l: unknown) => fn([l]));
    }
    env.registerFunction(`${ns}.${name}(list<dyn>): dyn`, (_ns: unknown, l: unknown) => fn([l]));
    for (let n = 2; n <= MAX_VARARGS; n++) {
      const sig = Array.from({ length: n }, () => 'dyn').join(', ');
      env.registerFunction(`${ns}.${name}(${sig}): dyn`, (_ns: unknown, ...args: unknown[]) => fn(args));
    }
  }
}

function registerBits(env: Environment, ns: string): void {
  for (const [name, op] of [
    ['bitAnd', (a: bigint, b: bigint) => a & b],
    ['bitOr', (a: bigint, b: bigint) => a | b],
    ['bitXor', (a: bigint, b: bigint) => a ^ b],
  ] as const) {
    const fn = bitwise(op);
    for (const t of ['int', 'uint'])
      env.registerFunction(`${ns}.${name}(${t}, ${t}): ${t}`, (_ns: unknown, a: unknown, b: unknown) => fn(a, b));
  }
  perType(env, ns, 'bitNot', ['int', 'uint'], '$', (v) =>
    isUint(v) ? new UintClass(~v.valueOf() & U64) : ~(v as bigint),
  );
  for (const t of ['int', 'uint']) {
    env.registerFunction(`${ns}.bitShiftLeft(${t}, int): ${t}`, (_ns: unknown, v: unknown, by: bigint) =>
      shift(v, by, true),
    );
    env.registerFunction(`${ns}.bitShiftRight(${t}, int): ${t}`, (_ns: unknown, v: unknown, by: bigint) =>
      shift(v, by, false),
    );
  }
}

function register(env: Environment): void {
  const ns = celNamespace(env, 'math');
  registerExtrema(env, ns);
  perType(env, ns, 'ceil', ['double'], 'double', (v) => Math.ceil(v as number));
  perType(env, ns, 'floor', ['double'], 'double', (v) => Math.floor(v as number));
  perType(env, ns, 'round', ['double'], 'double', (v) => roundHalfAway(v as number));
  perType(env, ns, 'trunc', ['double'], 'double', (v) => Math.trunc(v as number));
  perType(env, ns, 'abs', ['int', 'uint', 'double'], '$', abs);
  perType(env, ns, 'sign', ['int', 'uint', 'double'], '$', sign);
  perType(env, ns, 'isInf', ['double'], 'bool', (v) => v === Infinity || v === -Infinity);
  perType(env, ns, 'isNaN', ['double'], 'bool', (v) => Number.isNaN(v));
  perType(env, ns, 'isFinite', ['double'], 'bool', (v) => Number.isFinite(v));
  perType(env, ns, 'sqrt', ['int', 'uint', 'double'], 'double', (v) => Math.sqrt(Number((v as number).valueOf())));
  registerBits(env, ns);
}

/** cel-go ext.Math. */
export const mathLibrary: CelLibrary = { name: 'ext.math', register };
