// Kyverno: kyverno-cel-semantics §2.4 steps 6–7, §2.7 — validations in order (the first false, non-bool or
// erroring one ends the evaluation), failure messages, and audit annotations.
import type { RuleResult } from '../../result/rule-result.js';
import { evaluateCel } from '../../cel/evaluate.js';
import type { CompiledValidatingVariant, CompiledValidation } from './types.js';
import {
  evaluationErrorResult,
  passResult,
  validationErrorResult,
  validationFailResult,
  type ResultSubject,
} from './results.js';

type Activation = Readonly<Record<string, unknown>>;

/** Runs the validations and audit annotations of a matched variant. */
export function runValidations(
  s: ResultSubject,
  variant: CompiledValidatingVariant,
  activation: Activation,
): RuleResult {
  for (const [index, v] of variant.validations.entries()) {
    const r = evaluateCel(v.expression, activation);
    if (!r.ok) return validationErrorResult(s, index, r.error);
    if (typeof r.value !== 'boolean') {
      return validationErrorResult(s, index, `expression '${v.expression.source}' resulted in a non-bool value`);
    }
    if (!r.value) {
      // Kyverno: §2.7 — on failure an erroring annotation is left out rather than replacing the failure.
      const annotations = auditAnnotations(variant, activation);
      return validationFailResult(s, index, failureMessage(v, index, activation), annotations.values);
    }
  }
  const annotations = auditAnnotations(variant, activation);
  if (annotations.error !== undefined) return evaluationErrorResult(s, annotations.error);
  return passResult(s, annotations.values);
}

/** Kyverno: §2.7 — messageExpression as is (no fallback to `message` when it fails), else `message`, else the default. */
export function failureMessage(v: CompiledValidation, index: number, activation: Activation): string {
  let text = v.message;
  if (v.messageExpression) {
    const r = evaluateCel(v.messageExpression, activation);
    if (!r.ok) return `failed to evaluate message expression: ${r.error}`;
    if (typeof r.value !== 'string') {
      return `failed to convert message expression to string: expected string, got ${typeName(r.value)}`;
    }
    text = r.value;
  }
  return text === '' ? `CEL expression validation failed at index ${index}` : text;
}

/** Audit annotation values (non-empty strings only); `error` is the first erroring or non-string annotation. */
export function auditAnnotations(
  variant: CompiledValidatingVariant,
  activation: Activation,
): { values: Record<string, string>; error?: string } {
  const values: Record<string, string> = {};
  let error: string | undefined;
  for (const a of variant.auditAnnotations) {
    const r = evaluateCel(a.valueExpression, activation);
    if (!r.ok) error ??= `${a.key}: ${r.error}`;
    else if (typeof r.value === 'string') {
      if (r.value !== '') values[a.key] = r.value;
    } else if (r.value !== null) error ??= `${a.key}: valueExpression must evaluate to a string or null`;
  }
  return error === undefined ? { values } : { values, error };
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  return Array.isArray(v) ? 'list' : typeof v;
}
