// Kyverno: spec §5.3 `l.sortBy(x, keyExpr)` — cel-go ext.Lists v3 sortBy as a cel-js macro.
import type { Environment } from '@marcbachmann/cel-js';
import { celCompare, typeName } from './equality.js';
import {
  type CheckedType,
  type MacroAst,
  type MacroCall,
  type MacroChecker,
  type MacroEvaluator,
  type MacroScope,
  iterVarName,
} from './macro-support.js';
import { celError } from './runtime.js';

interface SortByMacro {
  readonly range: MacroAst;
  readonly name: string;
  readonly key: MacroAst;
  scope?: MacroScope;
  typeCheck(chk: MacroChecker, m: SortByMacro, scope: MacroScope): CheckedType;
  evaluate(ev: MacroEvaluator, m: SortByMacro, scope: MacroScope): unknown;
}

function typeCheck(chk: MacroChecker, m: SortByMacro, scope: MacroScope): CheckedType {
  const listType = chk.check(m.range, scope);
  if (listType.kind !== 'list' && listType.kind !== 'dyn')
    throw chk.createError('no_matching_overload', `sortBy requires a list, got '${listType.name}'`, m.range);
  m.scope = scope.forkWithVariable(m.name, listType.valueType ?? chk.getType('dyn'));
  chk.check(m.key, m.scope);
  return listType;
}

/** Stable sort of the elements by the key computed for each; keys must share one comparable type. */
function evaluate(ev: MacroEvaluator, m: SortByMacro, scope: MacroScope): unknown {
  const list = ev.run(m.range, scope);
  if (!Array.isArray(list)) throw celError('sortBy requires a list');
  const keyed = list.map((element) => ({
    element,
    key: ev.run(m.key, (m.scope as MacroScope).reuse(scope).setIterValue(element, ev)),
  }));
  if (new Set(keyed.map((k) => typeName(k.key))).size > 1) throw celError('sortBy keys must have the same type');
  return keyed.sort((a, b) => celCompare(a.key, b.key)).map((k) => k.element);
}

/** Registers `list.sortBy(x, keyExpr)`. */
export function registerSortBy(env: Environment): void {
  const expand = ({ args, receiver }: MacroCall): SortByMacro => ({
    range: receiver,
    name: iterVarName(args[0], 'sortBy'),
    key: args[1],
    typeCheck,
    evaluate,
  });
  env.registerFunction('list.sortBy(ast, ast): list', expand as never);
}
