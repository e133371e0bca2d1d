// Kyverno: spec §5.2 — condition operators, looked up case-insensitively.
import type { JsonValue } from '../json.js';
import { ConditionError } from './condition-error.js';
import { equals, notEquals } from './equality.js';
import { inOperator } from './in-operator.js';
import { durationOperator, orderingOperator } from './ordering.js';
import { setOperator } from './set.js';

/** Evaluates an operator; `op` is the operator exactly as written in the policy. */
export type OperatorHandler = (op: string, key: JsonValue, value: JsonValue) => boolean;

const HANDLERS: ReadonlyMap<string, OperatorHandler> = new Map<string, OperatorHandler>([
  ['Equals', (_op, k, v) => equals(k, v)],
  ['Equal', (_op, k, v) => equals(k, v)],
  ['NotEquals', (_op, k, v) => notEquals(k, v)],
  ['NotEqual', (_op, k, v) => notEquals(k, v)],
  ['In', (_op, k, v) => inOperator(false, k, v)],
  ['NotIn', (_op, k, v) => inOperator(true, k, v)],
  ['AnyIn', (_op, k, v) => setOperator('AnyIn', k, v)],
  ['AllIn', (_op, k, v) => setOperator('AllIn', k, v)],
  ['AnyNotIn', (_op, k, v) => setOperator('AnyNotIn', k, v)],
  ['AllNotIn', (_op, k, v) => setOperator('AllNotIn', k, v)],
  ['GreaterThan', orderingOperator],
  ['GreaterThanOrEquals', orderingOperator],
  ['LessThan', orderingOperator],
  ['LessThanOrEquals', orderingOperator],
  ['DurationGreaterThan', durationOperator],
  ['DurationGreaterThanOrEquals', durationOperator],
  ['DurationLessThan', durationOperator],
  ['DurationLessThanOrEquals', durationOperator],
]);

const BY_LOWER_NAME: ReadonlyMap<string, OperatorHandler> = new Map(
  [...HANDLERS].map(([name, handler]) => [name.toLowerCase(), handler]),
);

/** The canonical operator names, as Kyverno's policy validation accepts them. */
export const CONDITION_OPERATORS: readonly string[] = [...HANDLERS.keys()];

/** True when Kyverno's engine finds a handler for `op` (any letter case). */
export function isKnownOperator(op: string): boolean {
  return operatorHandler(op) !== undefined;
}

/** True when `op` is spelled exactly as a canonical name (what Kyverno's policy validation requires). */
export function isCanonicalOperator(op: string): boolean {
  return HANDLERS.has(op);
}

/** The handler of `operator` (any letter case, as Kyverno's engine looks it up); undefined when unknown. */
export function operatorHandler(operator: string): OperatorHandler | undefined {
  return BY_LOWER_NAME.get(operator.toLowerCase());
}

/** Evaluates `key <operator> value` with the operator's handler; throws ConditionError when there is none. */
export function applyOperator(
  handler: OperatorHandler | undefined,
  operator: string,
  key: JsonValue,
  value: JsonValue,
): boolean {
  if (handler === undefined) throw new ConditionError(`unknown operator "${operator}"`);
  return handler(operator, key, value);
}
