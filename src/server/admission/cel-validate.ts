// Kyverno: ValidatingPolicies in the validating webhook — `validationActions` decide what a failure does: Deny
// rejects the request, Warn adds a warning, Audit only reports; an error rejects under `failurePolicy: Fail`.
import { evaluateValidatingPolicy } from '../../engine/cel-policy/index.js';
import type { RuleResult } from '../../engine/result/rule-result.js';
import { celRequestOf } from './cel-request.js';
import { admissionCelPolicies } from './cel-admission-policies.js';
import type { AdmissionReviewRequest } from './review.js';
import type { AdmissionDeps, AdmissionPlan } from './types.js';

/** What the ValidatingPolicies decided for one request. */
export interface CelValidation {
  readonly results: readonly RuleResult[];
  /** One line per denying policy (`Policy <name> failed: <message>`). */
  readonly denials: readonly string[];
  readonly warnings: readonly string[];
}

/** Evaluate the plan's ValidatingPolicies that take part in admission. */
export function validateWithCelPolicies(
  review: AdmissionReviewRequest,
  plan: AdmissionPlan,
  deps: AdmissionDeps,
): CelValidation {
  const policies = admissionCelPolicies(plan).validating;
  const out = { results: [] as RuleResult[], denials: [] as string[], warnings: [] as string[] };
  if (policies.length === 0) return out;
  const req = celRequestOf(review, deps);
  for (const { policy, actions } of policies) {
    for (const response of evaluateValidatingPolicy(policy, req, plan.celExceptions ?? [])) {
      for (const r of response.rules) {
        out.results.push(r);
        const line = `Policy ${policy.name} ${r.status === 'error' ? 'error' : 'failed'}: ${r.message}`;
        if (r.status === 'fail' && actions.has('Deny')) out.denials.push(line);
        else if (r.status === 'error' && policy.failurePolicy === 'Fail') out.denials.push(line);
        else if ((r.status === 'fail' || r.status === 'error') && actions.has('Warn')) out.warnings.push(line);
      }
    }
  }
  return out;
}
