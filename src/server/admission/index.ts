// The pure admission core of `tollgate serve`: AdmissionReview in, HTTP status and response JSON out.
export type {
  AdmissionDeps,
  AdmissionOutcome,
  EvaluationDeadline,
  ExcludedRequesters,
  GeneratedDownstream,
  RequesterRoles,
} from './types.js';
export { decodeAdmissionReview, type AdmissionReviewRequest, type GroupVersionKind } from './review.js';
export { DEFAULT_RESOURCE_FILTERS } from './resource-filters.js';
export { admitValidate } from './validate.js';
export { admitMutate } from './mutate.js';
export { admitPolicy } from './policy-review.js';
