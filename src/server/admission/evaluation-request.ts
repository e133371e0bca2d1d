// AdmissionReview request → the engine's EvaluationRequest (spec §4.9 UPDATE, §4.10 DELETE, §6.5 request.*).
import { isObject, type JsonObject } from '../../engine/json.js';
import type { EvaluationRequest } from '../../engine/evaluate/request.js';
import type { AdmissionReviewRequest } from './review.js';
import type { AdmissionDeps } from './types.js';

/** The request the engine evaluates for one admission review. */
export function toEvaluationRequest(review: AdmissionReviewRequest, deps: AdmissionDeps): EvaluationRequest {
  const { object: _o, oldObject: _old, ...admission } = review.raw;
  const isDelete = review.operation === 'DELETE';
  return {
    operation: review.operation,
    // Kyverno: on DELETE the engine sees no new object; it evaluates the old one (spec §4.10).
    object: isDelete ? null : review.object,
    oldObject: review.oldObject ?? undefined,
    subresource: review.subResource || undefined,
    user: review.userInfo ? requester(review.userInfo, deps) : undefined,
    namespaceLabels: namespaceLabelsOf(review, deps),
    admission,
  };
}

function requester(userInfo: JsonObject, deps: AdmissionDeps): EvaluationRequest['user'] {
  const groups = Array.isArray(userInfo.groups) ? userInfo.groups.filter((g) => typeof g === 'string') : [];
  const roles = deps.rolesOf?.(userInfo) ?? { roles: [], clusterRoles: [] };
  return {
    username: typeof userInfo.username === 'string' ? userInfo.username : '',
    groups,
    roles: roles.roles,
    clusterRoles: roles.clusterRoles,
    userInfo,
  };
}

// A Namespace is selected by its own labels; everything else by its namespace's labels.
function namespaceLabelsOf(
  review: AdmissionReviewRequest,
  deps: AdmissionDeps,
): Readonly<Record<string, string>> | undefined {
  const obj = review.object ?? review.oldObject;
  if (review.kind.kind === 'Namespace' && review.kind.group === '') {
    const md = obj && isObject(obj.metadata) ? obj.metadata : {};
    return isObject(md.labels) ? (md.labels as Record<string, string>) : {};
  }
  return review.namespace ? deps.namespaceLabels(review.namespace) : undefined;
}
