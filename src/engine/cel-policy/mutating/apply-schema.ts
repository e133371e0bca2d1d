// Kyverno: kyverno-cel-semantics §3.5 — the slice of the Kubernetes 1.32 OpenAPI schemas that structured merge
// needs: which lists are associative (and by which keys), sets or atomic, and which maps/structs are atomic.
// Fields not described here are merged as structured-merge-diff's "deduced" schema (maps key-wise, lists
// replaced) and are not checked by the atomic guard.

/** A schema element as structured-merge-diff sees it. */
export type ApplyNode =
  | { readonly type: 'scalar' }
  | { readonly type: 'deduced' }
  | { readonly type: 'struct'; readonly fields: Readonly<Record<string, ApplyNode>>; readonly atomic?: boolean }
  | { readonly type: 'map'; readonly values: ApplyNode; readonly atomic?: boolean }
  | {
      readonly type: 'list';
      readonly listType: 'map' | 'set' | 'atomic';
      readonly items: ApplyNode;
      /** Key fields of an associative list, with their schema defaults (e.g. `protocol: TCP`). */
      readonly keys?: readonly string[];
      readonly keyDefaults?: Readonly<Record<string, string>>;
    };

const scalar: ApplyNode = { type: 'scalar' };
const deduced: ApplyNode = { type: 'deduced' };
const struct = (fields: Record<string, ApplyNode>, atomic = false): ApplyNode => ({ type: 'struct', fields, atomic });
const map = (values: ApplyNode = scalar, atomic = false): ApplyNode => ({ type: 'map', values, atomic });
const atomicList = (items: ApplyNode = scalar): ApplyNode => ({ type: 'list', listType: 'atomic', items });
const setList: ApplyNode = { type: 'list', listType: 'set', items: scalar };
const assoc = (keys: string[], items: ApplyNode, keyDefaults?: Record<string, string>): ApplyNode => ({
  type: 'list',
  listType: 'map',
  items,
  keys,
  keyDefaults,
});
/** A struct with `x-kubernetes-map-type: atomic` whose fields are scalars. */
const atomicRef = (...names: string[]): ApplyNode => struct(Object.fromEntries(names.map((n) => [n, scalar])), true);

const localObjectReference = atomicRef('name');
const labelSelector = struct(
  { matchLabels: map(), matchExpressions: atomicList(struct({ key: scalar, operator: scalar, values: atomicList() })) },
  true,
);

const objectMeta = struct({
  name: scalar,
  generateName: scalar,
  namespace: scalar,
  uid: scalar,
  resourceVersion: scalar,
  generation: scalar,
  creationTimestamp: scalar,
  labels: map(),
  annotations: map(),
  finalizers: setList,
  ownerReferences: assoc(['uid'], atomicRef('apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion')),
  managedFields: atomicList(deduced),
});

const keySelector = atomicRef('name', 'key', 'optional');
const envVar = struct({
  name: scalar,
  value: scalar,
  valueFrom: struct({
    fieldRef: atomicRef('apiVersion', 'fieldPath'),
    resourceFieldRef: atomicRef('containerName', 'resource', 'divisor'),
    configMapKeyRef: keySelector,
    secretKeyRef: keySelector,
  }),
});

const handlerFields: Record<string, ApplyNode> = {
  exec: struct({ command: atomicList() }),
  httpGet: struct({ path: scalar, port: scalar, host: scalar, scheme: scalar, httpHeaders: atomicList(deduced) }),
  tcpSocket: struct({ port: scalar, host: scalar }),
  grpc: struct({ port: scalar, service: scalar }),
  sleep: struct({ seconds: scalar }),
};
const handler = struct(handlerFields);
const probe = struct({
  ...handlerFields,
  initialDelaySeconds: scalar,
  timeoutSeconds: scalar,
  periodSeconds: scalar,
  successThreshold: scalar,
  failureThreshold: scalar,
  terminationGracePeriodSeconds: scalar,
});

const seLinuxOptions = struct({ user: scalar, role: scalar, type: scalar, level: scalar });
const profile = struct({ type: scalar, localhostProfile: scalar });
const securityContext = struct({
  capabilities: struct({ add: atomicList(), drop: atomicList() }),
  privileged: scalar,
  seLinuxOptions,
  windowsOptions: deduced,
  runAsUser: scalar,
  runAsGroup: scalar,
  runAsNonRoot: scalar,
  readOnlyRootFilesystem: scalar,
  allowPrivilegeEscalation: scalar,
  procMount: scalar,
  seccompProfile: profile,
  appArmorProfile: profile,
});

const container = struct({
  name: scalar,
  image: scalar,
  command: atomicList(),
  args: atomicList(),
  workingDir: scalar,
  ports: assoc(['containerPort', 'protocol'], deduced, { protocol: 'TCP' }),
  envFrom: atomicList(deduced),
  env: assoc(['name'], envVar),
  resources: struct({ limits: map(), requests: map(), claims: assoc(['name'], deduced) }),
  resizePolicy: atomicList(deduced),
  restartPolicy: scalar,
  volumeMounts: assoc(['mountPath'], deduced),
  volumeDevices: assoc(['devicePath'], deduced),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle: struct({ postStart: handler, preStop: handler, stopSignal: scalar }),
  terminationMessagePath: scalar,
  terminationMessagePolicy: scalar,
  imagePullPolicy: scalar,
  securityContext,
  stdin: scalar,
  stdinOnce: scalar,
  tty: scalar,
});

const keyToPaths = atomicList(struct({ key: scalar, path: scalar, mode: scalar }));
const volume = struct({
  name: scalar,
  hostPath: struct({ path: scalar, type: scalar }),
  emptyDir: struct({ medium: scalar, sizeLimit: scalar }),
  configMap: struct({ name: scalar, items: keyToPaths, defaultMode: scalar, optional: scalar }),
  secret: struct({ secretName: scalar, items: keyToPaths, defaultMode: scalar, optional: scalar }),
  persistentVolumeClaim: struct({ claimName: scalar, readOnly: scalar }),
  projected: struct({ sources: atomicList(deduced), defaultMode: scalar }),
  downwardAPI: struct({ items: atomicList(deduced), defaultMode: scalar }),
  csi: struct({
    driver: scalar,
    readOnly: scalar,
    fsType: scalar,
    volumeAttributes: map(),
    nodePublishSecretRef: localObjectReference,
  }),
});

const podSecurityContext = struct({
  seLinuxOptions,
  windowsOptions: deduced,
  runAsUser: scalar,
  runAsGroup: scalar,
  runAsNonRoot: scalar,
  supplementalGroups: atomicList(),
  supplementalGroupsPolicy: scalar,
  fsGroup: scalar,
  sysctls: atomicList(deduced),
  fsGroupChangePolicy: scalar,
  seccompProfile: profile,
  appArmorProfile: profile,
  seLinuxChangePolicy: scalar,
});

const podSpec = struct({
  volumes: assoc(['name'], volume),
  initContainers: assoc(['name'], container),
  containers: assoc(['name'], container),
  ephemeralContainers: assoc(['name'], container),
  restartPolicy: scalar,
  terminationGracePeriodSeconds: scalar,
  activeDeadlineSeconds: scalar,
  dnsPolicy: scalar,
  nodeSelector: map(scalar, true),
  serviceAccountName: scalar,
  serviceAccount: scalar,
  automountServiceAccountToken: scalar,
  nodeName: scalar,
  hostNetwork: scalar,
  hostPID: scalar,
  hostIPC: scalar,
  shareProcessNamespace: scalar,
  securityContext: podSecurityContext,
  imagePullSecrets: assoc(['name'], localObjectReference),
  hostname: scalar,
  subdomain: scalar,
  affinity: deduced,
  schedulerName: scalar,
  tolerations: atomicList(deduced),
  hostAliases: assoc(['ip'], deduced),
  priorityClassName: scalar,
  priority: scalar,
  dnsConfig: struct({ nameservers: atomicList(), searches: atomicList(), options: atomicList(deduced) }),
  readinessGates: atomicList(deduced),
  runtimeClassName: scalar,
  enableServiceLinks: scalar,
  preemptionPolicy: scalar,
  overhead: map(),
  topologySpreadConstraints: assoc(
    ['topologyKey', 'whenUnsatisfiable'],
    struct({
      maxSkew: scalar,
      topologyKey: scalar,
      whenUnsatisfiable: scalar,
      labelSelector,
      minDomains: scalar,
      nodeAffinityPolicy: scalar,
      nodeTaintsPolicy: scalar,
      matchLabelKeys: atomicList(),
    }),
  ),
  setHostnameAsFQDN: scalar,
  os: struct({ name: scalar }),
  hostUsers: scalar,
  schedulingGates: assoc(['name'], deduced),
  resourceClaims: assoc(['name'], deduced),
  resources: struct({ limits: map(), requests: map() }),
});

const podTemplate = struct({ metadata: objectMeta, spec: podSpec });
const top = (fields: Record<string, ApplyNode>): ApplyNode =>
  struct({ apiVersion: scalar, kind: scalar, metadata: objectMeta, status: deduced, ...fields });
const workload = (spec: Record<string, ApplyNode>): ApplyNode =>
  top({ spec: struct({ replicas: scalar, selector: labelSelector, template: podTemplate, ...spec }) });
const jobSpec = struct({ selector: labelSelector, template: podTemplate });

const KINDS: Readonly<Record<string, ApplyNode>> = {
  'v1/Pod': top({ spec: podSpec }),
  'v1/PodTemplate': top({ template: podTemplate }),
  'v1/ReplicationController': top({
    spec: struct({ replicas: scalar, selector: map(scalar, true), template: podTemplate }),
  }),
  'apps/v1/Deployment': workload({}),
  'apps/v1/ReplicaSet': workload({}),
  'apps/v1/DaemonSet': workload({}),
  'apps/v1/StatefulSet': workload({ volumeClaimTemplates: atomicList(deduced) }),
  'batch/v1/Job': top({ spec: jobSpec }),
  'batch/v1/CronJob': top({ spec: struct({ jobTemplate: struct({ metadata: objectMeta, spec: jobSpec }) }) }),
  'v1/Service': top({
    spec: struct({
      ports: assoc(['port', 'protocol'], deduced, { protocol: 'TCP' }),
      selector: map(scalar, true),
      clusterIPs: atomicList(),
      externalIPs: atomicList(),
      ipFamilies: atomicList(),
      loadBalancerSourceRanges: atomicList(),
    }),
  }),
  'v1/ServiceAccount': top({
    secrets: assoc(
      ['name'],
      atomicRef('kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'),
    ),
    imagePullSecrets: atomicList(localObjectReference),
    automountServiceAccountToken: scalar,
  }),
  'v1/Namespace': top({ spec: struct({ finalizers: atomicList() }) }),
  'v1/ConfigMap': top({ data: map(), binaryData: map(), immutable: scalar }),
  'v1/Secret': top({ data: map(), stringData: map(), type: scalar, immutable: scalar }),
};

/** Built-in API groups: the core group, unqualified names (apps, batch, …) and `*.k8s.io`. */
function isBuiltInGroup(apiVersion: string): boolean {
  if (!apiVersion.includes('/')) return true;
  const group = apiVersion.slice(0, apiVersion.indexOf('/'));
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/** The schema of a kind; built-in kinds not tabulated get ObjectMeta plus deduced fields; undefined for others. */
export function applySchemaFor(apiVersion: string, kind: string): ApplyNode | undefined {
  const known = KINDS[`${apiVersion}/${kind}`];
  if (known) return known;
  return isBuiltInGroup(apiVersion) ? top({}) : undefined;
}

/** The schema of field `name` of a struct (deduced when not described). */
export function fieldNode(node: ApplyNode, name: string): ApplyNode {
  if (node.type === 'struct') return Object.hasOwn(node.fields, name) ? node.fields[name] : deduced;
  if (node.type === 'map') return node.values;
  return deduced;
}
