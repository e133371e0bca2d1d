// Shared first steps of both webhooks: decode, resource filters, and the request the engine sees.
import type { EvaluationRequest } from '../../engine/evaluate/request.js';
import { resourceIdOf, type ResourceId } from '../../engine/result/rule-result.js';
import type { CompiledPolicy } from '../../engine/compile/compile-policy.js';
import { isObject, type JsonObject } from '../../engine/json.js';
import { policyApplies } from '../../engine/evaluate/evaluate-policy.js';
import { namespaceOfResource } from '../../engine/evaluate/match-subject.js';
import { toEvaluationRequest } from './evaluation-request.js';
import { DEFAULT_EXCLUDED_REQUESTERS, isExcludedRequester } from './excluded-requesters.js';
import {
  isFilteredOut,
  reviewFilterSubject,
  parseResourceFilters,
  DEFAULT_RESOURCE_FILTERS,
  type ResourceFilter,
} from './resource-filters.js';
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
  if (isFilteredOut(filtersOf(deps.resourceFilters ?? DEFAULT_RESOURCE_FILTERS), reviewFilterSubject(review)))
    return finish(review, { allowed: true }, []);
  const req = toEvaluationRequest(review, deps);
  if (req.user && isExcludedRequester(req.user, deps.excludedRequesters ?? DEFAULT_EXCLUDED_REQUESTERS))
    return finish(review, { allowed: true }, []);
  return { review, req, resource: resourceIdOf(review.object ?? review.oldObject) };
}

/** True when `openAdmission` already produced the answer. */
export function isOutcome(v: AdmissionContext | AdmissionOutcome): v is AdmissionOutcome {
  return 'status' in v;
}

// Filters are configuration: parse each list once, not per request.
const parsedFilters = new WeakMap<readonly string[], ResourceFilter[]>();
function filtersOf(filters: readonly string[]): ResourceFilter[] {
  let parsed = parsedFilters.get(filters);
  if (!parsed) parsedFilters.set(filters, (parsed = parseResourceFilters(filters)));
  return parsed;
}

type RuleType = 'validate' | 'mutate' | 'generate';

// Per plan, the policies with rules of a type for a kind (and namespace): a request meets only the policies that can apply to
// its kind, so thousands of policies for other kinds cost one map lookup. A new plan (reload) starts a new index.
const planIndex = new WeakMap<AdmissionPlan, Map<string, readonly CompiledPolicy[]>>();
const MAX_INDEXED_KEYS = 4096;

/** The plan's policies that take part in admission and have rules of the given type for `resource`, in order. */
export function admissionPolicies(
  plan: AdmissionPlan,
  type: RuleType,
  resource: JsonObject,
): readonly CompiledPolicy[] {
  let index = planIndex.get(plan);
  if (!index) planIndex.set(plan, (index = new Map()));
  const kind = String(resource.kind ?? '');
  // A namespaced Policy only sees its own namespace, so the namespace is part of the key.
  const key = `${type}/${kind}/${namespaceOfResource(resource)}`;
  let found = index.get(key);
  if (!found) {
    if (index.size >= MAX_INDEXED_KEYS) index.clear();
    found = plan.policies.filter(
      (cp) =>
        runsOnAdmission(cp) &&
        hasRules(cp, type) &&
        policyApplies(cp, resource) &&
        cp.rulesForKind(kind).some((r) => r.type === type),
    );
    index.set(key, found);
  }
  return found;
}

/** The resource the engine matches rules against: the object (the old one for DELETE). */
export function admittedResource(ctx: AdmissionContext): JsonObject {
  return ctx.req.object ?? ctx.req.oldObject ?? {};
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
    resourceUid: uidOf(review.object ?? review.oldObject),
  };
}

function uidOf(obj: JsonObject | null | undefined): string | undefined {
  const md = obj?.metadata;
  return isObject(md) && typeof md.uid === 'string' && md.uid !== '' ? md.uid : undefined;
}
