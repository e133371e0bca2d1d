// The API resources webhook rules can name, without a cluster: Kubernetes' built-in ones (generated from the pinned
// release's discovery documents by scripts/generate-kube-api.mjs) plus those of the CustomResourceDefinitions given.
import { isObject, wildcardMatch, type JsonObject, type KindSelector } from '../engine/index.js';
import builtin from './kube-api-resources.json' with { type: 'json' };

/** One API resource: a kind's plural in a group, with the versions serving it. */
export interface ApiResource {
  readonly group: string;
  readonly versions: readonly string[];
  readonly kind: string;
  readonly resource: string;
  readonly namespaced: boolean;
  readonly subresources: readonly string[];
}

/** A resource (or subresource) a webhook rule names: `pods`, `deployments/scale`. */
export interface ResolvedResource {
  readonly group: string;
  readonly version: string;
  /** The plural, with `/subresource` when the selector names one. */
  readonly resource: string;
  readonly namespaced: boolean;
}

/** The Kubernetes release the built-in resources come from. */
export const KUBERNETES_VERSION: string = builtin.kubernetesVersion;

/** Kubernetes' built-in API resources. */
export function builtinResources(): readonly ApiResource[] {
  return builtin.resources;
}

/** The resources the CustomResourceDefinitions among `objects` define (served versions only). */
export function crdResources(objects: readonly JsonObject[]): ApiResource[] {
  const out: ApiResource[] = [];
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition' || !isObject(o.spec) || !isObject(o.spec.names)) continue;
    const { group, names, scope, versions } = o.spec;
    if (typeof group !== 'string' || typeof names.kind !== 'string' || typeof names.plural !== 'string') continue;
    const served = (Array.isArray(versions) ? versions : []).filter(isObject).filter((v) => v.served !== false);
    const subresources = new Set<string>();
    for (const v of served)
      if (isObject(v.subresources)) for (const s of Object.keys(v.subresources)) subresources.add(s);
    out.push({
      group,
      versions: served.map((v) => String(v.name)),
      kind: names.kind,
      resource: names.plural,
      namespaced: scope !== 'Cluster',
      subresources: [...subresources],
    });
  }
  return out;
}

/**
 * Kyverno's discovery lookup of a kind selector (`FindResources`): every served group, version and kind the
 * selector's wildcards match; with a subresource, the matching subresources of those resources instead.
 */
export function findResources(table: readonly ApiResource[], sel: KindSelector): ResolvedResource[] {
  const out: ResolvedResource[] = [];
  for (const r of table) {
    if (!wildcardMatch(sel.group, r.group) || !wildcardMatch(sel.kind, r.kind)) continue;
    for (const version of r.versions) {
      if (!wildcardMatch(sel.version, version)) continue;
      const base = { group: r.group, version, namespaced: r.namespaced };
      if (sel.subresource === '') out.push({ ...base, resource: r.resource });
      else
        for (const sub of r.subresources)
          if (wildcardMatch(sel.subresource, sub)) out.push({ ...base, resource: `${r.resource}/${sub}` });
    }
  }
  return out;
}
