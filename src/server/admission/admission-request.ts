// AdmissionReview request → the engine's request (spec §4.9 UPDATE, §4.10 DELETE, §6.5 request.*).
import { type JsonObject, type PolicyRequest, type Requester } from '../../engine/index.js';
import type { AdmissionReviewRequest } from './review.js';
import type { AdmissionDeps } from './types.js';

/** The request the engine evaluates for one admission review. */
export function toPolicyRequest(review: AdmissionReviewRequest, deps: AdmissionDeps): PolicyRequest {
  const { object: _o, oldObject: _old, ...admission } = review.raw;
  const isDelete = review.operation === 'DELETE';
  return {
    origin: 'admission',
    operation: review.operation,
    // Kyverno: on DELETE the engine sees no new object; it evaluates the old one (spec §4.10).
    object: isDelete ? null : review.object,
    oldObject: review.oldObject ?? undefined,
    subresource: review.subResource || undefined,
    user: review.userInfo ? requester(review.userInfo, deps) : undefined,
    admission,
    dryRun: review.dryRun,
  };
}

function requester(userInfo: JsonObject, deps: AdmissionDeps): Requester {
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
