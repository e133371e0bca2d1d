// Property-based generators (fast-check) for the Kubernetes resources users bring: every Pod controller and the
// kinds policies commonly match, with the field values policies test (registries, tags, digests, security
// contexts, quantities, volumes, probes, host fields) drawn from realistic and awkward ranges alike.
import fc from 'fast-check';

const NAMESPACES = ['default', 'prod', 'kube-system', 'team-a', 'staging', 'ns-ü'];
const LABEL_KEYS = ['app', 'team', 'owner', 'env', 'app.kubernetes.io/name', 'app.kubernetes.io/managed-by', 'tier'];
const LABEL_VALUES = ['web', 'payments', 'prod', 'dev', '', 'kyverno', 'a-b_c.d', 'x'.repeat(63)];
const REGISTRIES = ['', 'docker.io/', 'ghcr.io/acme/', 'gcr.io/p/', 'registry.k8s.io/', 'localhost:5000/', 'quay.io/'];
const REPOS = ['nginx', 'busybox', 'library/redis', 'app', 'team/api', 'tiller'];
const TAGS = ['', ':latest', ':1.2.3', ':v2', ':LATEST', ':1.0-alpine'];
const DIGEST = '@sha256:' + 'a3f'.repeat(21) + 'b';
const QUANTITIES = ['100m', '1', '0.5', '250m', '1Gi', '128Mi', '2', '1e3', '1.5', '0', '512M', 'abc', 1, 2.5, 0];
const CAPABILITIES = ['ALL', 'NET_ADMIN', 'SYS_ADMIN', 'NET_RAW', 'CHOWN', 'all', 'NET_BIND_SERVICE'];

/** A value that is usually a boolean but sometimes its string, null or missing. */
const looseBool = fc.oneof(
  { weight: 6, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom('true', 'false', null) },
);
const optional = (arb, freq = 2) => fc.option(arb, { nil: undefined, freq });

/** Drop `undefined` members so generated objects serialise as they would be written. */
function compact(o) {
  if (Array.isArray(o)) return o.map(compact);
  if (o === null || typeof o !== 'object') return o;
  const out = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = compact(v);
  return out;
}

const labels = fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES), { maxKeys: 4 });
const annotations = fc.dictionary(
  fc.constantFrom('kubernetes.io/ingress.class', 'owner', 'pod-policies.kyverno.io/autogen-controllers', 'note'),
  fc.constantFrom('nginx', 'none', 'Deployment', 'team-ü', 'true', ''),
  { maxKeys: 2 },
);
const image = fc
  .tuple(fc.constantFrom(...REGISTRIES), fc.constantFrom(...REPOS), fc.constantFrom(...TAGS), fc.boolean())
  .map(([r, n, t, d]) => `${r}${n}${t}${d ? DIGEST : ''}`);
const resourceList = fc.record(
  {
    cpu: fc.constantFrom(...QUANTITIES),
    memory: fc.constantFrom(...QUANTITIES),
    'ephemeral-storage': fc.constant('1Gi'),
  },
  { requiredKeys: [] },
);
const securityContext = fc.record(
  {
    privileged: looseBool,
    allowPrivilegeEscalation: looseBool,
    runAsNonRoot: looseBool,
    runAsUser: fc.constantFrom(0, 1000, 65534, '1000'),
    readOnlyRootFilesystem: looseBool,
    capabilities: fc.record({ add: fc.subarray(CAPABILITIES), drop: fc.subarray(CAPABILITIES) }, { requiredKeys: [] }),
    seccompProfile: fc.record({ type: fc.constantFrom('RuntimeDefault', 'Unconfined', 'Localhost') }),
    procMount: fc.constantFrom('Default', 'Unmasked'),
  },
  { requiredKeys: [] },
);
const probe = fc.oneof(
  fc.record({ httpGet: fc.record({ path: fc.constant('/healthz'), port: fc.constantFrom(8080, 'http') }) }),
  fc.record({ tcpSocket: fc.record({ port: fc.constantFrom(80, 443) }), periodSeconds: fc.nat(30) }),
  fc.record({ exec: fc.record({ command: fc.constant(['cat', '/tmp/ok']) }) }),
);
const container = (name) =>
  fc
    .record(
      {
        image,
        imagePullPolicy: optional(fc.constantFrom('Always', 'IfNotPresent', 'Never')),
        resources: optional(fc.record({ requests: resourceList, limits: resourceList }, { requiredKeys: [] })),
        securityContext: optional(securityContext),
        livenessProbe: optional(probe),
        readinessProbe: optional(probe),
        ports: optional(
          fc.array(
            fc.record(
              { containerPort: fc.constantFrom(80, 8080, 443, 22), hostPort: optional(fc.constantFrom(0, 80, 8080)) },
              { requiredKeys: ['containerPort'] },
            ),
            { maxLength: 2 },
          ),
        ),
        env: optional(
          fc.array(fc.record({ name: fc.constantFrom('A', 'SECRET', 'TOKEN'), value: fc.constantFrom('x', '1') }), {
            maxLength: 2,
          }),
        ),
        volumeMounts: optional(
          fc.array(fc.record({ name: fc.constantFrom('data', 'host'), mountPath: fc.constantFrom('/data', '/var') }), {
            maxLength: 2,
          }),
        ),
      },
      { requiredKeys: ['image'] },
    )
    .map((c) => ({ name, ...c }));
const volume = fc.oneof(
  fc.record({ name: fc.constant('data'), emptyDir: fc.constant({}) }),
  fc.record({
    name: fc.constant('host'),
    hostPath: fc.record({ path: fc.constantFrom('/var/run/docker.sock', '/etc', '/var/run/containerd.sock') }),
  }),
  fc.record({ name: fc.constant('cfg'), configMap: fc.record({ name: fc.constant('cfg') }) }),
  fc.record({ name: fc.constant('sec'), secret: fc.record({ secretName: fc.constant('s') }) }),
  fc.record({ name: fc.constant('pvc'), persistentVolumeClaim: fc.record({ claimName: fc.constant('c') }) }),
);

/** A Pod spec with one to three containers and optional init and ephemeral containers. */
export const podSpec = fc
  .record(
    {
      containers: fc.array(fc.nat(9), { minLength: 1, maxLength: 3 }),
      initContainers: optional(fc.array(fc.nat(9), { minLength: 1, maxLength: 2 })),
      ephemeralContainers: optional(fc.array(fc.nat(9), { minLength: 1, maxLength: 1 }), 6),
      hostNetwork: optional(looseBool),
      hostPID: optional(looseBool),
      hostIPC: optional(looseBool),
      securityContext: optional(securityContext),
      volumes: optional(fc.array(volume, { maxLength: 3 })),
      serviceAccountName: optional(fc.constantFrom('default', 'app', 'tiller')),
      automountServiceAccountToken: optional(looseBool),
      nodeSelector: optional(fc.dictionary(fc.constantFrom('zone', 'kubernetes.io/os'), fc.constantFrom('a', 'linux'))),
      priorityClassName: optional(fc.constantFrom('high', 'system-cluster-critical')),
      runtimeClassName: optional(fc.constantFrom('gvisor', 'kata')),
      restartPolicy: optional(fc.constantFrom('Always', 'Never', 'OnFailure')),
    },
    { requiredKeys: ['containers'] },
  )
  .chain((s) =>
    fc
      .record({
        containers: fc.tuple(...s.containers.map((_, i) => container(`c${i}`))),
        initContainers: s.initContainers
          ? fc.tuple(...s.initContainers.map((_, i) => container(`init${i}`)))
          : fc.constant(undefined),
        ephemeralContainers: s.ephemeralContainers
          ? fc.tuple(...s.ephemeralContainers.map((_, i) => container(`debug${i}`)))
          : fc.constant(undefined),
      })
      .map((c) => compact({ ...s, ...c })),
  );

const meta = (namespaced) =>
  fc
    .record(
      { namespace: namespaced ? fc.constantFrom(...NAMESPACES) : fc.constant(undefined), labels, annotations },
      { requiredKeys: ['namespace'] },
    )
    .map(compact);
const template = fc.record({ metadata: fc.record({ labels, annotations }, { requiredKeys: [] }), spec: podSpec });
const workload = (apiVersion, kind, extra = {}) =>
  fc.record({
    apiVersion: fc.constant(apiVersion),
    kind: fc.constant(kind),
    metadata: meta(true),
    spec: fc.record(extra),
  });

const POD_CONTROLLERS = {
  Pod: fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata: meta(true), spec: podSpec }),
  Deployment: workload('apps/v1', 'Deployment', { replicas: fc.constantFrom(1, 3, '2'), template }),
  StatefulSet: workload('apps/v1', 'StatefulSet', { serviceName: fc.constant('svc'), template }),
  DaemonSet: workload('apps/v1', 'DaemonSet', { template }),
  ReplicaSet: workload('apps/v1', 'ReplicaSet', { replicas: fc.nat(3), template }),
  Job: workload('batch/v1', 'Job', { backoffLimit: fc.nat(6), template }),
  CronJob: workload('batch/v1', 'CronJob', {
    schedule: fc.constantFrom('*/5 * * * *', '@daily'),
    jobTemplate: fc.record({ spec: fc.record({ template }) }),
  }),
};

const OTHER_KINDS = {
  Service: workload('v1', 'Service', {
    type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'),
    ports: fc.array(fc.record({ port: fc.constantFrom(80, 443, 30080), nodePort: optional(fc.constant(30080)) })),
    externalIPs: optional(fc.constant(['1.2.3.4'])),
    selector: labels,
  }),
  Ingress: workload('networking.k8s.io/v1', 'Ingress', {
    ingressClassName: optional(fc.constantFrom('nginx', 'traefik')),
    rules: fc.array(
      fc.record({ host: optional(fc.constantFrom('app.example.com', '*.example.com', '', 'ü.example.com')) }),
      { maxLength: 2 },
    ),
    tls: optional(fc.array(fc.record({ hosts: fc.constant(['app.example.com']), secretName: fc.constant('tls') }))),
  }),
  Namespace: fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Namespace'), metadata: meta(false) }),
  ConfigMap: fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('ConfigMap'),
    metadata: meta(true),
    data: fc.dictionary(fc.constantFrom('key', 'config.yaml', 'a'), fc.string({ maxLength: 12 }), { maxKeys: 3 }),
  }),
  Secret: fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Secret'),
    metadata: meta(true),
    type: fc.constantFrom('Opaque', 'kubernetes.io/tls', 'kubernetes.io/service-account-token'),
    data: fc.dictionary(fc.constantFrom('token', 'tls.crt', 'password'), fc.base64String({ maxLength: 12 })),
  }),
  Role: fc.record({
    apiVersion: fc.constant('rbac.authorization.k8s.io/v1'),
    kind: fc.constant('Role'),
    metadata: meta(true),
    rules: fc.array(
      fc.record({
        apiGroups: fc.subarray(['', 'apps', '*']),
        resources: fc.subarray(['pods', 'secrets', '*', 'pods/exec']),
        verbs: fc.subarray(['get', 'list', '*', 'create', 'escalate', 'bind']),
      }),
      { maxLength: 2 },
    ),
  }),
  RoleBinding: fc.record({
    apiVersion: fc.constant('rbac.authorization.k8s.io/v1'),
    kind: fc.constantFrom('RoleBinding', 'ClusterRoleBinding'),
    metadata: meta(true),
    roleRef: fc.record({
      apiGroup: fc.constant('rbac.authorization.k8s.io'),
      kind: fc.constantFrom('Role', 'ClusterRole'),
      name: fc.constantFrom('cluster-admin', 'view', 'edit'),
    }),
    subjects: fc.array(
      fc.record({
        kind: fc.constantFrom('User', 'Group', 'ServiceAccount'),
        name: fc.constantFrom('alice', 'system:anonymous', 'default', 'system:unauthenticated'),
      }),
      { maxLength: 2 },
    ),
  }),
  NetworkPolicy: workload('networking.k8s.io/v1', 'NetworkPolicy', {
    podSelector: fc.record({ matchLabels: labels }),
    policyTypes: fc.subarray(['Ingress', 'Egress']),
    ingress: optional(fc.constant([{}])),
  }),
  Application: fc.record({
    apiVersion: fc.constant('argoproj.io/v1alpha1'),
    kind: fc.constant('Application'),
    metadata: meta(true),
    spec: fc.record({
      project: fc.constantFrom('default', 'team-a', ''),
      destination: fc.record({
        server: fc.constantFrom('https://kubernetes.default.svc', 'https://x'),
        namespace: fc.constantFrom(...NAMESPACES),
      }),
      source: fc.record({
        repoURL: fc.constantFrom('https://github.com/acme/a', 'git@x:y'),
        targetRevision: fc.constantFrom('HEAD', 'v1'),
      }),
    }),
  }),
  Widget: fc.record({
    apiVersion: fc.constant('example.com/v1'),
    kind: fc.constant('Widget'),
    metadata: meta(true),
    spec: fc.record({ size: fc.constantFrom(1, '1', 'large'), enabled: looseBool }),
  }),
};

/** Kinds the generators know, by kind (RoleBinding also yields ClusterRoleBinding). */
export const KINDS = { ...POD_CONTROLLERS, ...OTHER_KINDS };
export const CONTROLLER_KINDS = Object.keys(POD_CONTROLLERS).filter((k) => k !== 'Pod');

/** A resource of one of `kinds` (any known kind when none of them is known), compacted. */
export function resourceOf(kinds) {
  const known = kinds.filter((k) => KINDS[k]);
  const pool = known.length > 0 ? known : Object.keys(KINDS);
  return fc.constantFrom(...pool).chain((k) => KINDS[k].map(compact));
}
