// Kyverno: spec §5.3 "Two-variable comprehensions" — cel-go ext.TwoVarComprehensions as cel-js macros.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { celEquals } from './equality.js';
import {
  type CheckedType,
  type MacroAst,
  type MacroCall,
  type MacroChecker,
  type MacroEvaluator,
  type MacroScope,
  asBool,
  checkPredicate,
  foldLikeCelGo,
  iterVarName,
  pairTypes,
  pairsOf,
} from './macro-support.js';
import { celError } from './runtime.js';

type Kind = 'all' | 'exists' | 'existsOne' | 'transformList' | 'transformMap' | 'transformMapEntry';

/** The state one two-variable macro call keeps between checking and evaluation. */
interface TwoVarMacro {
  readonly kind: Kind;
  readonly range: MacroAst;
  readonly names: [string, string];
  readonly filter?: MacroAst;
  readonly body: MacroAst;
  outer?: MacroScope;
  inner?: MacroScope;
  typeCheck(chk: MacroChecker, m: TwoVarMacro, scope: MacroScope): CheckedType;
  evaluate(ev: MacroEvaluator, m: TwoVarMacro, scope: MacroScope): unknown;
}

function resultType(chk: MacroChecker, m: TwoVarMacro, keyType: CheckedType, bodyType: CheckedType): CheckedType {
  if (m.kind === 'transformList') return chk.registry.getListType(bodyType);
  if (m.kind === 'transformMap') return chk.registry.getMapType(keyType, bodyType);
  if (m.kind === 'transformMapEntry') return bodyType.kind === 'map' ? bodyType : chk.getType('map');
  return chk.getType('bool');
}

function typeCheck(chk: MacroChecker, m: TwoVarMacro, scope: MacroScope): CheckedType {
  const [keyType, valueType] = pairTypes(chk, chk.check(m.range, scope));
  m.outer = scope.forkWithVariable(m.names[0], keyType);
  m.inner = m.outer.forkWithVariable(m.names[1], valueType);
  if (m.filter) checkPredicate(chk, chk.check(m.filter, m.inner), m.filter);
  const bodyType = chk.check(m.body, m.inner);
  if (m.kind === 'all' || m.kind === 'exists' || m.kind === 'existsOne') checkPredicate(chk, bodyType, m.body);
  return resultType(chk, m, keyType, bodyType);
}

/** Evaluates `ast` with the two iteration variables bound to one (key, value) pair. */
function runWith(ev: MacroEvaluator, m: TwoVarMacro, scope: MacroScope, pair: [unknown, unknown], ast: MacroAst) {
  const outer = (m.outer as MacroScope).reuse(scope).setIterValue(pair[0], ev);
  return ev.run(ast, (m.inner as MacroScope).reuse(outer).setIterValue(pair[1], ev));
}

/** all/exists: the decisive value wins over errors, otherwise the first error is raised. */
function quantify(ev: MacroEvaluator, m: TwoVarMacro, scope: MacroScope, pairs: [unknown, unknown][]): boolean {
  const decisive = m.kind === 'exists';
  let error: unknown;
  for (const pair of pairs) {
    try {
      if (asBool(runWith(ev, m, scope, pair, m.body)) === decisive) return decisive;
    } catch (e) {
      error ??= e;
    }
  }
  if (error !== undefined) throw error;
  return !decisive;
}

/** Maps with only string keys stay plain objects (cel-js's usual map shape); others become Maps. */
function toMapValue(entries: [unknown, unknown][]): unknown {
  if (entries.every(([k]) => typeof k === 'string')) return Object.fromEntries(entries);
  return new Map(entries);
}

function mergeEntry(out: [unknown, unknown][], entry: unknown): void {
  const pairs = pairsOf(entry);
  if (Array.isArray(entry)) throw celError('transformMapEntry: expression must return a map');
  for (const [k, v] of pairs) {
    if (out.some(([seen]) => celEquals(seen, k))) throw celError(`insert failed: key ${String(k)} already exists`);
    out.push([k, v]);
  }
}

function transform(ev: MacroEvaluator, m: TwoVarMacro, scope: MacroScope, pairs: [unknown, unknown][]): unknown {
  const list: unknown[] = [];
  const entries: [unknown, unknown][] = [];
  const step = (pair: [unknown, unknown]) => {
    const value = runWith(ev, m, scope, pair, m.body);
    if (m.kind === 'transformList') list.push(value);
    else if (m.kind === 'transformMap') entries.push([pair[0], value]);
    else mergeEntry(entries, value);
  };
  const filter = m.filter;
  foldLikeCelGo(pairs, step, filter && ((pair) => asBool(runWith(ev, m, scope, pair, filter))));
  return m.kind === 'transformList' ? list : toMapValue(entries);
}

/** existsOne: cel-go's step is `p ? accu + 1 : accu`, so every element is tested and the last error wins. */
function existsOne(ev: MacroEvaluator, m: TwoVarMacro, scope: MacroScope, pairs: [unknown, unknown][]): boolean {
  let count = 0;
  foldLikeCelGo(
    pairs,
    () => count++,
    (pair) => asBool(runWith(ev, m, scope, pair, m.body)),
  );
  return count === 1;
}

function evaluate(ev: MacroEvaluator, m: TwoVarMacro, scope: MacroScope): unknown {
  const pairs = pairsOf(ev.run(m.range, scope), ev);
  if (m.kind === 'all' || m.kind === 'exists') return quantify(ev, m, scope, pairs);
  if (m.kind === 'existsOne') return existsOne(ev, m, scope, pairs);
  return transform(ev, m, scope, pairs);
}

function distinctNames(first: string, second: string): [string, string] {
  if (first === second) throw celError(`duplicate variable name: ${first}`);
  return [first, second];
}

function expander(kind: Kind, withFilter: boolean) {
  return ({ args, receiver }: MacroCall): TwoVarMacro => ({
    kind,
    range: receiver,
    names: distinctNames(iterVarName(args[0], kind), iterVarName(args[1], kind)),
    filter: withFilter ? args[2] : undefined,
    body: args[withFilter ? 3 : 2],
    typeCheck,
    evaluate,
  });
}

function register(env: Environment): void {
  const macro = (sig: string, kind: Kind, withFilter = false) =>
    env.registerFunction(sig, expander(kind, withFilter) as never);
  macro('list.all(ast, ast, ast): bool', 'all');
  macro('list.exists(ast, ast, ast): bool', 'exists');
  macro('list.existsOne(ast, ast, ast): bool', 'existsOne');
  macro('list.transformList(ast, ast, ast): list', 'transformList');
  macro('list.transformList(ast, ast, ast, ast): list', 'transformList', true);
  macro('list.transformMap(ast, ast, ast): map', 'transformMap');
  macro('list.transformMap(ast, ast, ast, ast): map', 'transformMap', true);
  macro('list.transformMapEntry(ast, ast, ast): map', 'transformMapEntry');
  macro('list.transformMapEntry(ast, ast, ast, ast): map', 'transformMapEntry', true);
}

/** Two-variable comprehensions (cel-js macros match by name and arity, so the `list.` receiver also covers maps). */
export const comprehensionsLibrary: CelLibrary = { name: 'ext.two-var-comprehensions', register };
