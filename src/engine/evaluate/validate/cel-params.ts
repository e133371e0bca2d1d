// Kyverno: kyverno-cel-semantics §1.6 — the parameter objects of a `validate.cel` rule (paramKind + paramRef).
import { isObject, type JsonObject } from '../../json.js';
import type { ClusterReader } from '../../ports.js';
import type { CelParamSource } from '../../compile/compiled-validate-cel.js';
import { pluralResourceOf } from '../../kube/rest-mapping.js';
import { isClusterScopedKind } from '../../kube/scope.js';

/** The parameter objects, or the error Kyverno reports as `error in parameterized resource: <error>`. */
export type ParamsResult = { ok: true; params: JsonObject[] } | { ok: false; error: string };

/** Collect the parameter objects for a resource in `namespace` ('' when cluster-scoped). */
export function collectParams(
  source: CelParamSource,
  namespace: string,
  cluster: ClusterReader | undefined,
): ParamsResult {
  const lookup = lookupNamespace(source, namespace);
  if (typeof lookup !== 'string') return lookup;
  let params: JsonObject[] = [];
  try {
    if (source.name !== '') {
      const one = cluster?.getResource(source.apiVersion, source.kind, lookup, source.name);
      if (!one)
        return { ok: false, error: `${pluralResourceOf(source.apiVersion, source.kind)} "${source.name}" not found` };
      params = [one];
    } else if (source.selector !== undefined) {
      const selector = source.selector;
      params = (cluster?.listResources(source.apiVersion, source.kind, lookup) ?? []).filter((o) =>
        selector.matches(labelsOf(o)),
      );
    }
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  if (params.length === 0 && source.denyWhenMissing) return { ok: false, error: 'no params found' };
  return { ok: true, params };
}

// Kyverno: a namespaced param kind is looked up in paramRef.namespace, else the resource's namespace.
function lookupNamespace(source: CelParamSource, namespace: string): string | ParamsResult {
  if (isClusterScopedKind(source.kind)) {
    if (source.namespace !== '')
      return { ok: false, error: 'paramRef.namespace must not be provided for a cluster-scoped `paramKind`' };
    return '';
  }
  const ns = source.namespace || namespace;
  if (ns === '') return { ok: false, error: "can't use namespaced paramRef to match cluster-scoped resources" };
  return ns;
}

function labelsOf(o: JsonObject): Record<string, string> {
  const md = isObject(o.metadata) ? o.metadata : {};
  return isObject(md.labels) ? (md.labels as Record<string, string>) : {};
}
