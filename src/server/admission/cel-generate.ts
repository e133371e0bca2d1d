// GeneratingPolicies in the validating webhook: on an admitted CREATE/UPDATE, each policy's generated objects
// are handed back like classic generate rules' (kyverno-cel-semantics §4.3).
import { evaluateGeneratingPolicy } from '../../engine/cel-policy/index.js';
import type { RuleResult } from '../../engine/result/rule-result.js';
import { celRequestOf } from './cel-request.js';
import { admissionCelPolicies } from './cel-admission-policies.js';
import type { AdmissionReviewRequest } from './review.js';
import type { AdmissionDeps, AdmissionPlan, GeneratedDownstream } from './types.js';

/** The results and generated objects of the plan's GeneratingPolicies for one admitted request. */
export function generateWithCelPolicies(
  review: AdmissionReviewRequest,
  plan: AdmissionPlan,
  deps: AdmissionDeps,
): { results: RuleResult[]; generated: GeneratedDownstream[] } {
  const out = { results: [] as RuleResult[], generated: [] as GeneratedDownstream[] };
  const policies = admissionCelPolicies(plan).generating;
  if (policies.length === 0) return out;
  const req = celRequestOf(review, deps);
  for (const policy of policies)
    for (const response of evaluateGeneratingPolicy(policy, req, plan.celExceptions ?? [])) {
      out.results.push(...response.rules);
      for (const resource of response.generated ?? [])
        out.generated.push({ policy: response.policy, rule: response.policy, resource });
    }
  return out;
}
