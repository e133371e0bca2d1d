// Kyverno's rendering of failed checks (pss.FormatChecksPrint) and the failure records.
import { controlNameOf } from './controls.js';
import { badValueStrings, fieldErrorText, formatBadValue, type FieldError } from './field-error.js';
import { reportedField } from './pod-template.js';
import type { CheckResult } from './run-checks.js';
import type { PodSecurityCheckFailure, PodSecuritySpec } from './types.js';

/** One field error: Forbidden with a value → "<f> is forbidden, forbidden values found: <v>"; else Go's Error(). */
function formatFieldError(e: FieldError): string {
  const hasValue = !(typeof e.badValue === 'string' && e.badValue === '');
  if (e.type === 'Forbidden' && hasValue)
    return `${e.field} is forbidden, forbidden values found: ${formatBadValue(e.badValue)}`;
  return fieldErrorText(e);
}

/** "(Forbidden reason: …, field error list: […])" per check, concatenated without separators. */
export function formatChecks(results: readonly CheckResult[]): string {
  return results
    .map((r) => `(Forbidden reason: ${r.reason}, field error list: [${r.errors.map(formatFieldError).join(', ')}])`)
    .join('');
}

/**
 * The failure text after "Validation rule '<rule>' failed. ".
 * Kyverno: the version is printed as written in the policy (empty when omitted).
 */
export function failureMessage(spec: PodSecuritySpec, results: readonly CheckResult[]): string {
  return `It violates PodSecurity "${spec.level}:${spec.version ?? ''}": ${formatChecks(results)}`;
}

/** Results with field paths rewritten for the resource kind (what Kyverno reports). */
export function reportedResults(results: readonly CheckResult[], kind: unknown): CheckResult[] {
  return results.map((r) => ({ ...r, errors: r.errors.map((e) => ({ ...e, field: reportedField(e.field, kind) })) }));
}

/** The public failure record of a (reported) check result. */
export function toFailure(r: CheckResult): PodSecurityCheckFailure {
  return {
    controlName: controlNameOf(r.id),
    checkId: r.id,
    reason: r.reason,
    fields: r.errors.map((e) => e.field),
    values: r.errors.flatMap((e) => badValueStrings(e.badValue)),
  };
}
