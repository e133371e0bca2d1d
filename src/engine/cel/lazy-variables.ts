// Kyverno: kyverno-cel-semantics §2.6 — `variables.*` are evaluated lazily, at most once per
// activation, on first use; an evaluation error surfaces where the variable is used.
import { EvaluationError } from '@marcbachmann/cel-js';
import type { CelProgram } from './compile.js';
import { evaluateCel } from './evaluate.js';

type Slot =
  { state: 'pending' } | { state: 'running' } | { state: 'done'; value: unknown } | { state: 'failed'; error: string };

/** How a variable's evaluation error reads where the variable is used (the error as it is by default). */
export type VariableErrorText = (name: string, error: string) => string;

/** Kubernetes' composition environment (classic `validate.cel` variables) names the variable that failed. */
export const compositedVariableError: VariableErrorText = (name, error) =>
  `composited variable "${name}" fails to evaluate: ${error}`;

/** Returns `baseActivation` plus a `variables` object whose fields evaluate `compiled` lazily. */
export function lazyVariables(
  compiled: ReadonlyMap<string, CelProgram>,
  baseActivation: Readonly<Record<string, unknown>>,
  errorText: VariableErrorText = (_, error) => error,
): Record<string, unknown> {
  const variables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  // Object.assign: V8 copies `{ ...a, key }` on a slow path, and this runs once per policy evaluation.
  const activation: Record<string, unknown> = Object.assign({}, baseActivation);
  activation.variables = variables;
  for (const [name, program] of compiled) {
    const slot: { current: Slot } = { current: { state: 'pending' } };
    Object.defineProperty(variables, name, {
      enumerable: true,
      get: () => resolve(name, program, slot, activation, errorText),
    });
  }
  return activation;
}

function resolve(
  name: string,
  program: CelProgram,
  slot: { current: Slot },
  activation: Record<string, unknown>,
  errorText: VariableErrorText,
): unknown {
  const s = slot.current;
  if (s.state === 'done') return s.value;
  if (s.state === 'failed') throw new EvaluationError(s.error);
  if (s.state === 'running') throw new EvaluationError(`variable '${name}' refers to itself`);
  slot.current = { state: 'running' };
  const r = evaluateCel(program, activation);
  slot.current = r.ok ? { state: 'done', value: r.value } : { state: 'failed', error: errorText(name, r.error) };
  return resolve(name, program, slot, activation, errorText);
}
