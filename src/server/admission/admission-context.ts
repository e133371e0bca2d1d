// Shared first steps of both webhooks: decode, resource filters, and the request the engine sees.
import type { EvaluationRequest } from '../../engine/evaluate/request.js';
import { resourceIdOf, type ResourceId } from '../../engine/result/rule-result.js';
import type { CompiledPolicy } from '../../engine/compile/compile-policy.js';
import { toEvaluationRequest } from './evaluation-request.js';
import { isFilteredOut, parseResourceFilters, DEFAULT_RESOURCE_FILTERS } from './resource-filters.js';
import { reviewResponse, badRequest, type Verdict } from './response.js';
import { decodeAdmissionReview, type AdmissionReviewRequest } from './review.js';
import { runsOnAdmission, hasRules } from './policy-traits.js';
import type { AdmissionDeps, AdmissionOutcome, AdmissionPlan, GeneratedDownstream } from './types.js';
import type { RuleResult } from '../../engine/result/rule-result.js';

/** A decoded request ready to evaluate. */
export interface AdmissionContext {
  readonly review: AdmissionReviewRequest;
  readonly req: EvaluationRequest;
  readonly resource: ResourceId;
}

/** Decode the body; answer 400 when malformed and allow without evaluation when a resource filter matches. */
export function openAdmission(body: unknown, deps: AdmissionDeps): AdmissionContext | AdmissionOutcome {
  const decoded = decodeAdmissionReview(body);
  if (!decoded.ok) return badRequest(decoded.error);
  const review = decoded.review;
  const filters = parseResourceFilters(deps.resourceFilters ?? DEFAULT_RESOURCE_FILTERS);
  if (isFilteredOut(filters, review)) return finish(review, { allowed: true }, []);
  const req = toEvaluationRequest(review, deps);
  return { review, req, resource: resourceIdOf(review.object ?? review.oldObject) };
}

/** True when `openAdmission` already produced the answer. */
export function isOutcome(v: AdmissionContext | AdmissionOutcome): v is AdmissionOutcome {
  return 'status' in v;
}

/** The plan's policies that take part in admission and have rules of the given type, in order. */
export function admissionPolicies(
  plan: AdmissionPlan,
  type: 'validate' | 'mutate' | 'generate',
): readonly CompiledPolicy[] {
  return plan.policies.filter((cp) => runsOnAdmission(cp) && hasRules(cp, type));
}

/** A 200 outcome carrying the AdmissionReview response. */
export function finish(
  review: AdmissionReviewRequest,
  verdict: Verdict,
  results: readonly RuleResult[],
  generated: readonly GeneratedDownstream[] = [],
): AdmissionOutcome {
  return {
    status: 200,
    body: reviewResponse(review.uid, verdict),
    results,
    generated,
    allowed: verdict.allowed,
    kind: review.kind.kind,
    operation: review.operation,
    dryRun: review.dryRun,
  };
}
