// Kyverno: spec §13.6 — `[Kind,Namespace,Name]` resource filters: matching requests are invisible to every policy.
import {
  isObject,
  kindMatches,
  namespaceOf,
  parseKindSelector,
  splitApiVersion,
  wildcardMatch,
  type JsonObject,
  type KindSelector,
  type ResourceKind,
} from '../../engine/index.js';
import type { AdmissionReviewRequest } from './review.js';

/** The Helm chart's default filters, minus the entries naming Kyverno's own objects. */
export const DEFAULT_RESOURCE_FILTERS: readonly string[] = [
  '[Event,*,*]',
  '[*/*,kube-system,*]',
  '[*/*,kube-public,*]',
  '[*/*,kube-node-lease,*]',
  '[Node,*,*]',
  '[Node/?*,*,*]',
  '[APIService,*,*]',
  '[APIService/?*,*,*]',
  '[TokenReview,*,*]',
  '[SubjectAccessReview,*,*]',
  '[SelfSubjectAccessReview,*,*]',
  '[Binding,*,*]',
  '[Pod/binding,*,*]',
  '[ReplicaSet,*,*]',
  '[ReplicaSet/?*,*,*]',
  '[EphemeralReport,*,*]',
  '[ClusterEphemeralReport,*,*]',
];

/** One parsed filter. */
export interface ResourceFilter {
  readonly kind: KindSelector;
  readonly namespace: string;
  readonly name: string;
}

/** Parse filters; each string may hold several `[...]` groups (the config map's form). Bad groups are dropped. */
export function parseResourceFilters(filters: readonly string[]): ResourceFilter[] {
  const out: ResourceFilter[] = [];
  for (const text of filters)
    for (const m of text.matchAll(/\[([^\]]*)\]/g)) {
      const parts = m[1].split(',').map((p) => p.trim());
      if (parts.length !== 3 || parts[0] === '') continue;
      out.push({ kind: parseKindSelector(parts[0]), namespace: parts[1], name: parts[2] });
    }
  return out;
}

/** What a filter looks at: the kind (with subresource), the namespace and the name. */
export interface FilterSubject {
  readonly kind: ResourceKind;
  readonly namespace: string;
  readonly name: string;
}

/** Whether any filter matches the subject's kind, subresource, namespace and name. */
export function isFilteredOut(filters: readonly ResourceFilter[], subject: FilterSubject): boolean {
  const { kind, namespace, name } = subject;
  // A plain loop: a closure over the subject would cost a function context on every review.
  for (const f of filters)
    if (
      kindMatches(f.kind, kind) &&
      wildcardMatch(f.name, name) &&
      // Kyverno: a Namespace is also compared by its own name against the namespace field (spec §13.6).
      (wildcardMatch(f.namespace, namespace) || (kind.kind === 'Namespace' && wildcardMatch(f.namespace, name)))
    )
      return true;
  return false;
}

/** The filter subject of an admission request. */
export function reviewFilterSubject(review: AdmissionReviewRequest): FilterSubject {
  const { group, version, kind } = review.kind;
  return {
    kind: { group, version, kind, subresource: review.subResource },
    namespace: review.namespace,
    name: review.name || nameOf(review.object ?? review.oldObject),
  };
}

/** The filter subject of a stored resource (background scans): matched as its CREATE would be. */
export function resourceFilterSubject(resource: JsonObject): FilterSubject {
  const { group, version } = splitApiVersion(String(resource.apiVersion ?? ''));
  return {
    kind: { group, version, kind: String(resource.kind ?? ''), subresource: '' },
    namespace: namespaceOf(resource),
    name: nameOf(resource),
  };
}

function nameOf(obj: JsonObject | null): string {
  const md = obj?.metadata;
  return isObject(md) && typeof md.name === 'string' ? md.name : '';
}
