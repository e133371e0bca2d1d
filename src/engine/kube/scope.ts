// Which built-in Kubernetes kinds are cluster-scoped, and the CLI's default namespace.
import { isObject, type JsonObject } from '../json.js';

// Unknown kinds and CRDs count as namespaced (spec §0.5).
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'SelfSubjectAccessReview',
  'SelfSubjectReview',
  'SelfSubjectRulesReview',
  'StorageClass',
  'SubjectAccessReview',
  'TokenReview',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'ClusterPolicy',
  'ClusterPolicyReport',
  'ClusterReport',
  'ClusterEphemeralReport',
  'ClusterCleanupPolicy',
  'ValidatingPolicy',
  'MutatingPolicy',
  'GeneratingPolicy',
  'ImageValidatingPolicy',
  'DeletingPolicy',
  'GlobalContextEntry',
]);

/** True for built-in kinds that have no namespace. */
export function isClusterScopedKind(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** Kyverno CLI: a namespaced resource without a namespace is in `default` (spec §0.5). */
export function withDefaultNamespace(r: JsonObject): JsonObject {
  const md = isObject(r.metadata) ? r.metadata : {};
  if (isClusterScopedKind(String(r.kind)) || (typeof md.namespace === 'string' && md.namespace !== '')) return r;
  return { ...r, metadata: { ...md, namespace: 'default' } };
}
