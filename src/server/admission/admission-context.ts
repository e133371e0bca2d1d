// Shared first steps of both webhooks: decode, resource filters and excluded requesters, the request the engine
// sees; and the 200 outcome both answer with.
import {
  isObject,
  resourceIdOf,
  type JsonObject,
  type PolicyRequest,
  type ResourceId,
  type RuleResult,
} from '../../engine/index.js';
import { toPolicyRequest } from './admission-request.js';
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
import type { AdmissionDeps, AdmissionOutcome, GeneratedDownstream } from './types.js';

/** A decoded request ready to evaluate. */
export interface AdmissionContext {
  readonly review: AdmissionReviewRequest;
  readonly request: PolicyRequest;
  readonly resource: ResourceId;
}

/** Decode the body; answer 400 when malformed and allow without evaluation when a resource filter matches. */
export function openAdmission(body: unknown, deps: AdmissionDeps): AdmissionContext | AdmissionOutcome {
  const decoded = decodeAdmissionReview(body);
  if (!decoded.ok) return badRequest(decoded.error);
  const review = decoded.review;
  if (isFilteredOut(filtersOf(deps.resourceFilters ?? DEFAULT_RESOURCE_FILTERS), reviewFilterSubject(review)))
    return finish(review, { allowed: true }, []);
  const request = toPolicyRequest(review, deps);
  if (request.user && isExcludedRequester(request.user, deps.excludedRequesters ?? DEFAULT_EXCLUDED_REQUESTERS))
    return finish(review, { allowed: true }, []);
  return { review, request, resource: resourceIdOf(review.object ?? review.oldObject) };
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
