// Kyverno: kyverno-cel-semantics §2.6 — `spec.variables`: compiled in declaration order (a variable sees only the
// ones before it), bound lazily per evaluation. Shared by all CEL kinds.
//
// API: compileVariables(env, spec.variables, ['spec','variables']) → { variables, errors };
//      bindVariables(variables, baseActivation) → activation with a lazy `variables` map.
import { isObject, type JsonValue } from '../json.js';
import type { JsonPath } from '../result/location.js';
import type { CelEnvironment } from '../cel/environment.js';
import type { CelProgram } from '../cel/compile.js';
import { lazyVariables } from '../cel/lazy-variables.js';
import { compileField, inlineVariables, registerVariableSources, type ExpressionError } from './expressions.js';

/** Compiled `spec.variables`; `names` in declaration order (what later expressions may reference). */
export interface CompiledVariables {
  readonly names: readonly string[];
  readonly programs: ReadonlyMap<string, CelProgram>;
}

/** Compiles the variables in order; each may reference only the variables declared before it. */
export function compileVariables(
  env: CelEnvironment,
  list: JsonValue | undefined,
  path: JsonPath,
): { variables: CompiledVariables; errors: ExpressionError[] } {
  const errors: ExpressionError[] = [];
  const names: string[] = [];
  const programs = new Map<string, CelProgram>();
  const sources = new Map<string, string>();
  registerVariableSources(names, sources);
  (Array.isArray(list) ? list : []).forEach((v, i) => {
    const entry = isObject(v) ? v : {};
    const name = String(entry.name ?? '');
    const program = compileField(env, entry.expression, 'any', [...path, i, 'expression'], names, errors);
    if (program) programs.set(name, program);
    if (typeof entry.expression === 'string') sources.set(name, inlineVariables(entry.expression, sources));
    names.push(name);
  });
  return { variables: { names, programs }, errors };
}

/** The activation plus `variables`, each evaluated at most once, on first use. */
export function bindVariables(
  variables: CompiledVariables,
  baseActivation: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return lazyVariables(variables.programs, baseActivation);
}
