// Requests for the origins that have no AdmissionReview: a CLI run simulates one, a background scan has none.
import type { JsonObject } from '../json.js';
import type { EvaluationRequest } from '../evaluate/request.js';
import type { PolicyRequest } from './types.js';

/** The requester of a request: names, groups, roles and the raw `userInfo`. */
export type Requester = NonNullable<EvaluationRequest['user']>;

/** Kyverno CLI: a simulated request for `resource` (CREATE by default; UPDATE sees it as old and new, DELETE as old). */
export function cliRequest(
  resource: JsonObject,
  options: {
    readonly operation?: string;
    readonly user?: Requester;
    readonly namespaceLabels?: Readonly<Record<string, string>>;
  } = {},
): PolicyRequest {
  const operation = options.operation ?? 'CREATE';
  return {
    origin: 'cli',
    operation,
    object: operation === 'DELETE' ? null : resource,
    oldObject: operation === 'UPDATE' || operation === 'DELETE' ? resource : undefined,
    user: options.user,
    namespaceLabels: options.namespaceLabels,
  };
}

/** Kyverno: spec §13.7 — an existing resource in a background scan: no operation, no user, `request.object` only. */
export function backgroundRequest(resource: JsonObject): PolicyRequest {
  return { origin: 'background', object: resource };
}
