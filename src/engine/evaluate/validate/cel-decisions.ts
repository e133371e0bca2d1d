// Kyverno: kyverno-cel-semantics §1.5 — celPreconditions as Kubernetes match conditions and validations as VAP
// decisions, with the implied failure policy `Fail` (an error denies).
import { evaluateCel } from '../../cel/evaluate.js';
import type {
  CompiledCelExpression,
  CompiledCelPrecondition,
  CompiledCelValidation,
} from '../../compile/compiled-validate-cel.js';

type Activation = Readonly<Record<string, unknown>>;

/** Whether the preconditions select the request: all true, one false, or none false but some errored. */
export type PreconditionResult = { kind: 'match' } | { kind: 'notMatched' } | { kind: 'error'; message: string };

/** The first denying validation's message, or undefined when every validation admits. */
export type ValidationDenial = { readonly message: string } | undefined;

// Kubernetes: the evaluation of one expression, `true` or a value, else the error text the decision carries.
function run(e: CompiledCelExpression, activation: Activation): { value: unknown } | { error: string } {
  if (!e.program) return { error: e.error ?? 'compilation error' };
  const r = evaluateCel(e.program, activation);
  return r.ok ? { value: r.value } : { error: `expression '${e.source}' resulted in error: ${r.error}` };
}

/** Evaluate `celPreconditions`: any `false` wins over errors; errors are joined as Kubernetes aggregates them. */
export function matchPreconditions(
  preconditions: readonly CompiledCelPrecondition[],
  activation: Activation,
): PreconditionResult {
  const errors: string[] = [];
  for (const p of preconditions) {
    const r = run(p.expression, activation);
    if ('error' in r) errors.push(r.error);
    else if (r.value === false) return { kind: 'notMatched' };
  }
  if (errors.length === 0) return { kind: 'match' };
  return { kind: 'error', message: errors.length === 1 ? errors[0] : `[${errors.join(', ')}]` };
}

/** Evaluate validations in order; the first one that is not `true` (or errors) denies. */
export function firstDenial(validations: readonly CompiledCelValidation[], activation: Activation): ValidationDenial {
  for (const v of validations) {
    const r = run(v.expression, activation);
    if ('error' in r) return { message: r.error };
    if (r.value !== true) return { message: denialMessage(v, activation) };
  }
  return undefined;
}

// Kubernetes: MaxEvaluatedMessageExpressionSizeBytes.
const MAX_MESSAGE_BYTES = 5 * 1024;

/** messageExpression (trimmed, one line, not too long), else the message, else `failed expression: <expr>`. */
export function denialMessage(v: CompiledCelValidation, activation: Activation): string {
  const fromExpression = v.messageExpression ? evaluatedMessage(v.messageExpression, activation) : '';
  if (fromExpression !== '') return fromExpression;
  const message = v.message.trim();
  if (message !== '') return message;
  return `failed expression: ${v.expression.source.trim()}`;
}

function evaluatedMessage(e: CompiledCelExpression, activation: Activation): string {
  const r = run(e, activation);
  if (!('value' in r) || typeof r.value !== 'string') return '';
  const text = r.value.trim();
  if (text.includes('\n') || new TextEncoder().encode(text).length > MAX_MESSAGE_BYTES) return '';
  return text;
}
