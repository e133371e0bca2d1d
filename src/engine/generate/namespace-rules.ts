// Kyverno: spec §9.1 — where generated objects may live, checked on the substituted spec before any cluster access.
import { isClusterScopedKind } from '../kube/scope.js';
import { GenerateError } from './generate-error.js';
import { splitCloneKind, type ResourceSpec } from './target.js';
import type { GeneratePolicyInfo } from './types.js';

/** How the rule generates: one clone, a cloneList (with its source namespace and kinds) or data. */
export type GenerateSource =
  | { readonly type: 'clone'; readonly namespace: string }
  | { readonly type: 'cloneList'; readonly namespace: string; readonly kinds: readonly string[] }
  | { readonly type: 'data' };

/** Throw GenerateError when the target or source namespaces break Kyverno's scope rules. */
export function checkNamespaceRules(target: ResourceSpec, source: GenerateSource, policy: GeneratePolicyInfo): void {
  const targetKinds = source.type === 'cloneList' ? source.kinds.map((k) => splitCloneKind(k).kind) : [target.kind];
  if (policy.namespace !== '') checkNamespacedPolicy(target, source, targetKinds, policy.namespace);
  for (const kind of targetKinds) checkTargetNamespace(kind, target.namespace);
}

function checkTargetNamespace(kind: string, namespace: string): void {
  if (isClusterScopedKind(kind)) {
    if (namespace !== '')
      throw new GenerateError(`target namespace must not be set for a cluster-wide resource (${kind})`);
  } else if (namespace === '') {
    throw new GenerateError(`target namespace must be set for a namespaced resource (${kind})`);
  }
}

// Kyverno: a namespaced Policy generates only into, and clones only from, its own namespace, and only namespaced kinds.
function checkNamespacedPolicy(
  target: ResourceSpec,
  source: GenerateSource,
  kinds: readonly string[],
  ns: string,
): void {
  if (target.namespace !== ns) {
    throw new GenerateError(`generate.namespace "${target.namespace}" must equal policy namespace "${ns}"`);
  }
  if (source.type !== 'data' && source.namespace !== ns) {
    throw new GenerateError(
      `generate.${source.type}.namespace "${source.namespace}" must equal policy namespace "${ns}"`,
    );
  }
  const clusterKind = kinds.find(isClusterScopedKind);
  if (clusterKind !== undefined)
    throw new GenerateError(`a namespaced policy can only generate namespaced kinds, not ${clusterKind}`);
}
