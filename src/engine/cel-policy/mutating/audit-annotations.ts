// Kyverno: kyverno-cel-semantics §2.7, §3.3 step 7, §4.3 step 6 — audit annotations become report properties:
// a non-empty string is kept, null or "" is omitted, an error or another type fails the evaluation.
import type { CelProgram } from '../../cel/compile.js';
import { evaluateCel } from '../../cel/evaluate.js';

/** One compiled `auditAnnotations[]` entry. */
export interface AuditAnnotationProgram {
  readonly key: string;
  readonly valueExpression: CelProgram;
}

export type AuditOutcome = { ok: true; properties: Record<string, string> } | { ok: false; error: string };

/** Evaluates every annotation in order; the first problem ends the evaluation. */
export function evaluateAuditAnnotations(
  annotations: readonly AuditAnnotationProgram[],
  activation: Readonly<Record<string, unknown>>,
): AuditOutcome {
  const properties: Record<string, string> = {};
  for (const a of annotations) {
    const r = evaluateCel(a.valueExpression, activation);
    if (!r.ok) return { ok: false, error: `auditAnnotation '${a.key}': ${r.error}` };
    if (r.value === null || r.value === '') continue;
    if (typeof r.value !== 'string')
      return { ok: false, error: `auditAnnotation '${a.key}' must evaluate to a string or null` };
    properties[a.key] = r.value;
  }
  return { ok: true, properties };
}
