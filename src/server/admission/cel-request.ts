// An AdmissionReview as the CEL policy kinds see it (kyverno-cel-semantics §5.2): object, oldObject, the request
// without them, the Namespace, and the library services backed by the cluster cache.
import type { JsonObject } from '../../engine/json.js';
import type { CelRequest } from '../../engine/cel-policy/types.js';
import { clusterResourceService } from '../../engine/cel/kyverno/cluster-resources.js';
import type { AdmissionReviewRequest } from './review.js';
import type { AdmissionDeps } from './types.js';

/** The CelRequest of one review. */
export function celRequestOf(review: AdmissionReviewRequest, deps: AdmissionDeps): CelRequest {
  const { object: _object, oldObject: _oldObject, ...admission } = review.raw;
  const ns = review.namespace;
  const isNamespace = review.kind.kind === 'Namespace' && review.kind.group === '';
  const own = review.object ?? review.oldObject;
  return {
    operation: review.operation,
    object: review.operation === 'DELETE' ? null : review.object,
    oldObject: review.oldObject,
    admission,
    namespaceObject: ns && !isNamespace ? (deps.namespaceObject?.(ns) ?? namespaceStub(ns, deps)) : null,
    // A Namespace is selected by its own labels, anything else by its namespace's (§2.3 step 1).
    namespaceLabels: isNamespace ? labelsOf(own) : ns ? (deps.namespaceLabels(ns) ?? defaultLabels(ns)) : {},
    services: {
      clock: deps.env.clock,
      ...(deps.env.cluster ? { resources: clusterResourceService(deps.env.cluster) } : {}),
    },
  };
}

// Without the cluster's Namespace object, the name and known labels are all there is.
function namespaceStub(name: string, deps: AdmissionDeps): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { ...(deps.namespaceLabels(name) ?? defaultLabels(name)) } },
  };
}

// Kubernetes labels every namespace with its name.
function defaultLabels(name: string): Record<string, string> {
  return { 'kubernetes.io/metadata.name': name };
}

function labelsOf(obj: JsonObject | null): Record<string, string> {
  const md = obj?.metadata as { labels?: Record<string, string> } | undefined;
  return { ...(md?.labels ?? {}) };
}
