// Kyverno's JMESPath dialect (spec §6.4, §6.7): compile once, search many times.
import type { JsonValue } from '../json.js';
import { unknownKeyError } from './errors.js';
import { buildEvaluator } from './interpreter.js';
import { Missing, type EvalState, type JmesRuntime } from './runtime.js';
import { parseExpression } from './syntax.js';
import { toJsonValue, type Value } from './values.js';

export { JmesPathError, JmesPathSyntaxError } from './errors.js';
export type { JmesRuntime } from './runtime.js';

/** A compiled expression. `search` throws JmesPathError (with `notFound` for Kyverno's `Unknown key`). */
export interface CompiledQuery {
  readonly expression: string;
  search(data: JsonValue, runtime: JmesRuntime): JsonValue;
}

/**
 * Compiles an expression; throws JmesPathSyntaxError for invalid or jmespath-community-only syntax.
 * Results may share structure with `data`: treat them as read-only.
 */
export function compileQuery(expression: string): CompiledQuery {
  const evaluate = buildEvaluator(parseExpression(expression), expression);
  return {
    expression,
    search(data: JsonValue, runtime: JmesRuntime): JsonValue {
      const state: EvalState = { runtime, hasInt: false };
      const result = evaluate(data as Value, state);
      if (result instanceof Missing) throw unknownKeyError(result.key);
      return toJsonValue(result, state.hasInt);
    },
  };
}
