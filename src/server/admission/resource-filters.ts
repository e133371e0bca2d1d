// Kyverno: spec §13.6 — `[Kind,Namespace,Name]` resource filters: matching requests are invisible to every policy.
import { kindMatches, parseKindSelector, type KindSelector } from '../../engine/match/kind-selector.js';
import { wildcardMatch } from '../../engine/primitives/wildcard.js';
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

/** Whether any filter matches the request's kind, subresource, namespace and name. */
export function isFilteredOut(filters: readonly ResourceFilter[], review: AdmissionReviewRequest): boolean {
  const { group, version, kind } = review.kind;
  const rk = { group, version, kind, subresource: review.subResource };
  const name = review.name || nameOf(review);
  return filters.some(
    (f) =>
      kindMatches(f.kind, rk) &&
      wildcardMatch(f.name, name) &&
      // Kyverno: a Namespace is also compared by its own name against the namespace field (spec §13.6).
      (wildcardMatch(f.namespace, review.namespace) || (kind === 'Namespace' && wildcardMatch(f.namespace, name))),
  );
}

function nameOf(review: AdmissionReviewRequest): string {
  const md = (review.object ?? review.oldObject)?.metadata;
  return md && typeof md === 'object' && !Array.isArray(md) && typeof md.name === 'string' ? md.name : '';
}
