// The slice of cel-js's (untyped) macro API the comprehension macros use, typed for TypeScript.
import { celError } from './runtime.js';

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

/** The (index, element) or (key, value) pairs of a list or map value. */
export function pairsOf(range: unknown): [unknown, unknown][] {
  if (Array.isArray(range)) return range.map((v, i) => [BigInt(i), v]);
  if (range instanceof Map) return [...range.entries()];
  if (typeof range === 'object' && range !== null) return Object.entries(range);
  throw celError('comprehension range must be a list or a map');
}

/** Requires a predicate's static type to be bool (or dyn). */
export function checkPredicate(chk: MacroChecker, t: CheckedType, node: MacroAst): void {
  if (t.name !== 'bool' && t.kind !== 'dyn')
    throw chk.createError('invalid_predicate', `predicate must return bool, got '${t.name}'`, node);
}
