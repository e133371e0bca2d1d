import { isObject, type JsonObject } from '../json.js';
import { splitApiVersion } from '../match/kind-selector.js';
import { labelsOf, type MatchSubject } from '../match/match.js';
import type { EvaluationRequest } from './request.js';
import type { RequestMemo } from './request-memo.js';

/** The namespace match/exclude see: a Namespace's own name, else metadata.namespace ('' when unset). */
export function namespaceOfResource(resource: JsonObject): string {
  const md = isObject(resource.metadata) ? resource.metadata : {};
  if (resource.kind === 'Namespace') return String(md.name ?? '');
  return typeof md.namespace === 'string' ? md.namespace : '';
}

/** The subject match/exclude look at; built once per request and resource when the request has a memo. */
export function matchSubjectOf(
  resource: JsonObject,
  req: EvaluationRequest,
  operation: string | undefined,
  memo: RequestMemo | undefined,
): MatchSubject {
  const entry = memo?.of(req);
  const last = entry?.subject;
  if (last && last.resource === resource && last.operation === operation) return last.subject;
  const subject = buildSubject(resource, req, operation);
  if (entry) entry.subject = { resource, operation, subject };
  return subject;
}

function buildSubject(resource: JsonObject, req: EvaluationRequest, operation: string | undefined): MatchSubject {
  const { group, version } = splitApiVersion(String(resource.apiVersion ?? ''));
  const md = isObject(resource.metadata) ? resource.metadata : {};
  const name = typeof md.name === 'string' && md.name ? md.name : String(md.generateName ?? '');
  return {
    resource,
    kind: { group, version, kind: String(resource.kind ?? ''), subresource: req.subresource ?? '' },
    name,
    namespace: namespaceOfResource(resource),
    operation: operation ?? 'CREATE',
    namespaceLabels: req.namespaceLabels ?? {},
    labels: labelsOf(resource),
    user: req.user,
  };
}
