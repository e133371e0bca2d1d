// Kyverno: kyverno-cel-semantics §2.5 — `matchConditions` (also PolicyException conditions, §2.8): evaluated in
// order, the first `false` wins; errors only count when no condition was false. The caller applies its
// failurePolicy (ValidatingPolicy: Ignore → skip; Mutating/GeneratingPolicy: always error).
//
// API: compileMatchConditions(env, list, path, visible) at load; evaluateMatchConditions(compiled, activation).
import { isObject, type JsonValue } from '../json.js';
import type { JsonPath } from '../result/location.js';
import type { CelEnvironment } from '../cel/environment.js';
import type { CelProgram } from '../cel/compile.js';
import { evaluateCel } from '../cel/evaluate.js';
import { compileField, type ExpressionError, type VisibleVariables } from './expressions.js';

/** One compiled condition. */
export interface CompiledMatchCondition {
  readonly name: string;
  readonly program: CelProgram;
}

export type CompiledMatchConditions = readonly CompiledMatchCondition[];

/** `matched` false with `error`: every condition ran, none was false, and some errored (or were not bool). */
export interface ConditionsOutcome {
  readonly matched: boolean;
  readonly error?: string;
}

/** Compiles each `{name, expression}` as a bool expression. */
export function compileMatchConditions(
  env: CelEnvironment,
  list: JsonValue | undefined,
  path: JsonPath,
  visible: VisibleVariables,
): { conditions: CompiledMatchCondition[]; errors: ExpressionError[] } {
  const errors: ExpressionError[] = [];
  const conditions: CompiledMatchCondition[] = [];
  (Array.isArray(list) ? list : []).forEach((c, i) => {
    const entry = isObject(c) ? c : {};
    const program = compileField(env, entry.expression, 'bool', [...path, i, 'expression'], visible, errors);
    if (program) conditions.push({ name: String(entry.name ?? ''), program });
  });
  return { conditions, errors };
}

/** Evaluates the conditions; an empty list matches. */
export function evaluateMatchConditions(
  conditions: CompiledMatchConditions,
  activation: Readonly<Record<string, unknown>>,
): ConditionsOutcome {
  const errors: string[] = [];
  for (const c of conditions) {
    const r = evaluateCel(c.program, activation);
    // Kyverno reports a condition's evaluation error as it is, without naming the expression.
    if (!r.ok) errors.push(r.error);
    else if (typeof r.value !== 'boolean') errors.push(`matchCondition '${c.name}' must evaluate to bool`);
    else if (!r.value) return { matched: false };
  }
  if (errors.length === 0) return { matched: true };
  // Kyverno combines the errors with multierr: `a; b`.
  return { matched: false, error: errors.join('; ') };
}
