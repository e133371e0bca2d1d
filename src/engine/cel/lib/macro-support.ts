// The slice of cel-js's (untyped) macro API the comprehension macros use, typed for TypeScript.
import { celError } from './runtime.js';
import { NO_SUCH_OVERLOAD, goValueTypeName } from '../go-error-text.js';

/** A parsed expression node. */
export interface MacroAst {
  readonly op: string;
  readonly args: unknown;
}

/** A static type as cel-js's checker models it. */
export interface CheckedType {
  readonly kind: string;
  readonly name: string;
  readonly keyType?: CheckedType;
  readonly valueType?: CheckedType;
}

/** A scope during checking or evaluation; forks add one iteration variable. */
export interface MacroScope {
  forkWithVariable(name: string, type: CheckedType): MacroScope;
  reuse(parent: MacroScope): MacroScope;
  setIterValue(v: unknown, ev: MacroEvaluator): MacroScope;
}

/** cel-js's type checker as seen by a macro. */
export interface MacroChecker {
  check(ast: MacroAst, scope: MacroScope): CheckedType;
  getType(name: string): CheckedType;
  createError(code: string, message: string, node?: MacroAst): Error;
  readonly registry: {
    getListType(t: CheckedType): CheckedType;
    getMapType(k: CheckedType, v: CheckedType): CheckedType;
  };
}

/** cel-js's evaluator as seen by a macro. */
export interface MacroEvaluator {
  run(ast: MacroAst, scope: MacroScope): unknown;
  /** The runtime type of a value (`string`, `list<dyn>`, `google.protobuf.Timestamp`, …). */
  debugType(value: unknown): { readonly name: string };
}

/** What cel-js hands a macro expander at parse time. */
export interface MacroCall {
  readonly args: MacroAst[];
  readonly receiver: MacroAst;
}

/** The name of an iteration variable argument; a parse-time error when it is not a plain identifier. */
export function iterVarName(ast: MacroAst, macro: string): string {
  if (ast.op === 'id' && typeof ast.args === 'string') return ast.args;
  throw celError(`${macro}: argument must be a simple name`);
}

/** The two iteration variable types over a range: (index, element) for lists, (key, value) for maps. */
export function pairTypes(chk: MacroChecker, range: CheckedType): [CheckedType, CheckedType] {
  const dyn = chk.getType('dyn');
  if (range.kind === 'list') return [chk.getType('int'), range.valueType ?? dyn];
  if (range.kind === 'map') return [range.keyType ?? dyn, range.valueType ?? dyn];
  if (range.kind === 'dyn') return [dyn, dyn];
  throw chk.createError('invalid_comprehension_range', `expression of type '${range.name}' cannot be a range`);
}

/** Lists (arrays, sets) and maps (Map, plain and null-prototype objects): what a comprehension can range over. */
export function isListOrMap(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v) || v instanceof Set || v instanceof Map) return true;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

/**
 * The (index, element) or (key, value) pairs of a list or map value. Anything else is an error, worded as cel-go's
 * two-variable comprehensions word it when `ev` is given (`unsupported comprehension range type: types.Null`).
 */
export function pairsOf(range: unknown, ev?: MacroEvaluator): [unknown, unknown][] {
  if (Array.isArray(range) || range instanceof Set) return [...range].map((v, i) => [BigInt(i), v]);
  if (range instanceof Map) return [...range.entries()];
  if (isListOrMap(range)) return Object.entries(range as object);
  const type = ev === undefined ? undefined : ev.debugType(range).name;
  const goType = type === undefined ? undefined : (goValueTypeName(type) ?? type);
  throw celError(
    goType === undefined
      ? 'comprehension range must be a list or a map'
      : `unsupported comprehension range type: ${goType}`,
  );
}

/** A predicate's value; cel-go rejects a non-bool one with its bare overload error (its `&&`/`?:` on the value). */
export function asBool(v: unknown): boolean {
  if (typeof v !== 'boolean') throw celError(NO_SUCH_OVERLOAD);
  return v;
}

/**
 * cel-go's comprehension loop over the step `filter ? step : accu` (just `step` without a filter). Errors never stop
 * it: a failing filter makes its error the accumulator, and a step on a failed accumulator keeps that error
 * (`accu + [x]` reports its left operand's). So the last filter error wins, else the first step error; cel-js
 * throws the first error it meets.
 */
export function foldLikeCelGo<T>(items: Iterable<T>, step: (item: T) => void, filter?: (item: T) => boolean): void {
  let failure: { readonly error: unknown } | undefined;
  for (const item of items) {
    try {
      if (filter !== undefined && !filter(item)) continue;
    } catch (error) {
      failure = { error };
      continue;
    }
    if (failure !== undefined) continue;
    try {
      step(item);
    } catch (error) {
      failure = { error };
    }
  }
  if (failure !== undefined) throw failure.error;
}

/** Requires a predicate's static type to be bool (or dyn). */
export function checkPredicate(chk: MacroChecker, t: CheckedType, node: MacroAst): void {
  if (t.name !== 'bool' && t.kind !== 'dyn')
    throw chk.createError('invalid_predicate', `predicate must return bool, got '${t.name}'`, node);
}
