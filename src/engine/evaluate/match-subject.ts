import { isObject, type JsonObject } from '../json.js';
import { splitApiVersion } from '../match/kind-selector.js';
import type { MatchSubject } from '../match/match.js';
import type { EvaluationRequest } from './request.js';

/** The namespace match/exclude see: a Namespace's own name, else metadata.namespace ('' when unset). */
export function namespaceOfResource(resource: JsonObject): string {
  const md = isObject(resource.metadata) ? resource.metadata : {};
  if (resource.kind === 'Namespace') return String(md.name ?? '');
  return typeof md.namespace === 'string' ? md.namespace : '';
}

// Every rule of every policy asks for the subject of the same resource and request; build it once per pair. Keyed by
// the request, which goes when its evaluation ends: a resource may live on (a repository's, for a whole run).
const lastSubject = new WeakMap<
  EvaluationRequest,
  { resource: JsonObject; operation?: string; subject: MatchSubject }
>();

/** The subject match/exclude look at. */
export function matchSubjectOf(
  resource: JsonObject,
  req: EvaluationRequest,
  operation: string | undefined,
): MatchSubject {
  const last = lastSubject.get(req);
  if (last && last.resource === resource && last.operation === operation) return last.subject;
  const subject = buildSubject(resource, req, operation);
  lastSubject.set(req, { resource, operation, subject });
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
    user: req.user,
  };
}
