// Kyverno: spec §8.3 stage 2, Appendix B — the slice of kustomize's embedded Kubernetes OpenAPI (v1.21) that
// decides list merging: `x-kubernetes-patch-strategy` and the merge keys (`x-kubernetes-list-map-keys`, else
// `x-kubernetes-patch-merge-key`). Fields absent here have no merge strategy, so their lists are replaced.

/** The schema of one node: nested fields, list items and, on lists, the patch strategy and merge keys. */
export interface MergeSchema {
  readonly fields?: Readonly<Record<string, MergeSchema>>;
  readonly items?: MergeSchema;
  readonly strategy?: string;
  readonly keys?: readonly string[];
}

const mergeList = (keys: readonly string[], items: MergeSchema = {}, strategy = 'merge'): MergeSchema => ({
  strategy,
  keys,
  items,
});
const conditions = mergeList(['type']);

const objectMeta: MergeSchema = {
  fields: { finalizers: mergeList([]), ownerReferences: mergeList(['uid']) },
};

const container: MergeSchema = {
  fields: {
    ports: mergeList(['containerPort', 'protocol']),
    env: mergeList(['name']),
    volumeMounts: mergeList(['mountPath']),
    volumeDevices: mergeList(['devicePath']),
  },
};

const podSpec: MergeSchema = {
  fields: {
    volumes: mergeList(['name'], {}, 'merge,retainKeys'),
    initContainers: mergeList(['name'], container),
    containers: mergeList(['name'], container),
    ephemeralContainers: mergeList(['name'], container),
    imagePullSecrets: mergeList(['name']),
    hostAliases: mergeList(['ip']),
    topologySpreadConstraints: mergeList(['topologyKey', 'whenUnsatisfiable']),
  },
};

const podTemplateSpec: MergeSchema = { fields: { metadata: objectMeta, spec: podSpec } };
const withStatusConditions: MergeSchema = { fields: { conditions } };
const workload: MergeSchema = {
  fields: { metadata: objectMeta, spec: { fields: { template: podTemplateSpec } }, status: withStatusConditions },
};
const jobSpec: MergeSchema = { fields: { template: podTemplateSpec } };
const cronJob: MergeSchema = {
  fields: {
    metadata: objectMeta,
    spec: { fields: { jobTemplate: { fields: { metadata: objectMeta, spec: jobSpec } } } },
  },
};
const webhooks: MergeSchema = { fields: { metadata: objectMeta, webhooks: mergeList(['name']) } };

/** Kinds with lists to merge, by `apiVersion/kind`. */
const SPECIAL: Readonly<Record<string, MergeSchema>> = {
  'v1/Pod': { fields: { metadata: objectMeta, spec: podSpec, status: withStatusConditions } },
  'v1/PodTemplate': { fields: { metadata: objectMeta, template: podTemplateSpec } },
  'v1/ReplicationController': workload,
  'apps/v1/Deployment': workload,
  'apps/v1/ReplicaSet': workload,
  'apps/v1/StatefulSet': workload,
  'apps/v1/DaemonSet': workload,
  'batch/v1/Job': { fields: { metadata: objectMeta, spec: jobSpec, status: withStatusConditions } },
  'batch/v1/CronJob': cronJob,
  'batch/v1beta1/CronJob': cronJob,
  'v1/Service': { fields: { metadata: objectMeta, spec: { fields: { ports: mergeList(['port', 'protocol']) } } } },
  'v1/ServiceAccount': { fields: { metadata: objectMeta, secrets: mergeList(['name']) } },
  'v1/Node': {
    fields: {
      metadata: objectMeta,
      spec: { fields: { podCIDRs: mergeList([]) } },
      status: { fields: { conditions, addresses: conditions } },
    },
  },
  'v1/Namespace': { fields: { metadata: objectMeta, status: withStatusConditions } },
  'v1/PersistentVolumeClaim': { fields: { metadata: objectMeta, status: withStatusConditions } },
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': webhooks,
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': webhooks,
  'storage.k8s.io/v1/CSINode': { fields: { metadata: objectMeta, spec: { fields: { drivers: mergeList(['name']) } } } },
};

/** Other built-in kinds: only their metadata lists merge. */
const PLAIN_KINDS = [
  'v1/Binding',
  'v1/ConfigMap',
  'v1/Endpoints',
  'v1/Event',
  'v1/LimitRange',
  'v1/PersistentVolume',
  'v1/ResourceQuota',
  'v1/Secret',
  'apps/v1/ControllerRevision',
  'autoscaling/v1/HorizontalPodAutoscaler',
  'autoscaling/v2beta1/HorizontalPodAutoscaler',
  'autoscaling/v2beta2/HorizontalPodAutoscaler',
  'networking.k8s.io/v1/Ingress',
  'networking.k8s.io/v1/IngressClass',
  'networking.k8s.io/v1/NetworkPolicy',
  'networking.k8s.io/v1beta1/Ingress',
  'extensions/v1beta1/Ingress',
  'policy/v1/PodDisruptionBudget',
  'policy/v1beta1/PodDisruptionBudget',
  'policy/v1beta1/PodSecurityPolicy',
  'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'storage.k8s.io/v1/StorageClass',
  'storage.k8s.io/v1/VolumeAttachment',
  'storage.k8s.io/v1/CSIDriver',
  'scheduling.k8s.io/v1/PriorityClass',
  'coordination.k8s.io/v1/Lease',
  'node.k8s.io/v1/RuntimeClass',
  'discovery.k8s.io/v1/EndpointSlice',
  'events.k8s.io/v1/Event',
  'apiextensions.k8s.io/v1/CustomResourceDefinition',
  'apiregistration.k8s.io/v1/APIService',
  'certificates.k8s.io/v1/CertificateSigningRequest',
];
const PLAIN: MergeSchema = { fields: { metadata: objectMeta } };

/** The root schema of a built-in kind (kyaml SchemaForResourceType); undefined for CRDs and unknown kinds. */
export function schemaForKind(apiVersion: string, kind: string): MergeSchema | undefined {
  const gvk = `${apiVersion}/${kind}`;
  if (Object.hasOwn(SPECIAL, gvk)) return SPECIAL[gvk];
  return PLAIN_KINDS.includes(gvk) ? PLAIN : undefined;
}

/** The schema of a field of a map node. */
export function fieldSchema(schema: MergeSchema | undefined, key: string): MergeSchema | undefined {
  return schema?.fields && Object.hasOwn(schema.fields, key) ? schema.fields[key] : undefined;
}

/** kustomize schema.IsAssociative with inference off: only lists whose strategy includes `merge`. */
export function isAssociativeList(schema: MergeSchema | undefined): boolean {
  return (schema?.strategy ?? '').split(',').includes('merge');
}
