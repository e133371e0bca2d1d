// Random resource × patchStrategicMerge pairs for the strategic-merge differential (run.mjs): resources with the
// lists kustomize merges by key (containers, ports, env, volumes, finalizers …) in the shapes that make its list
// code take unusual paths (missing, empty and duplicate merge keys, keys as numbers and strings, null and `{}`
// elements), and patches cut from a resource of the same kind with anchors, `$patch` directives and type changes.

/** A seeded pseudo-random source (a linear congruential generator: reproducible, no dependency). */
export function randomSource(seed) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  return {
    next,
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p = 0.5) => next() < p,
    list: (make, max = 3) => Array.from({ length: Math.floor(next() * (max + 1)) }, make),
  };
}

/** `count` cases `{resource, patch}` drawn from `seed`. */
export function generateCases(seed, count) {
  const g = shapes(randomSource(seed));
  return Array.from({ length: count }, () => g.mergeCase());
}

function shapes(r) {
  const { pick, chance, list } = r;
  const scalar = () => pick(['a', 'b', '', 'x y', 80, 443, '80', 0, true, false, 'true', null, 'ü', 1.5]);
  const oddElement = (p, shapeOf) => (chance(p) ? pick([null, {}, 'x']) : shapeOf());
  const optional = (o, p, key, value) => {
    if (chance(p)) o[key] = value();
    return o;
  };
  const port = () =>
    oddElement(0.05, () => {
      const o = {};
      optional(o, 0.8, 'containerPort', () => pick([80, 443, '80', 0, null, 53]));
      optional(o, 0.4, 'protocol', () => pick(['TCP', 'UDP', '', null]));
      optional(o, 0.3, 'name', () => pick(['http', 'dns']));
      return optional(o, 0.2, 'hostPort', () => pick([80, 0]));
    });
  const env = () =>
    oddElement(0.05, () => {
      const o = {};
      optional(o, 0.85, 'name', () => pick(['A', 'B', '', 1, null]));
      return optional(o, 0.6, 'value', scalar);
    });
  const mount = () => {
    const o = {};
    optional(o, 0.85, 'mountPath', () => pick(['/a', '/b', '']));
    optional(o, 0.7, 'name', () => pick(['v1', 'v2']));
    return optional(o, 0.2, 'readOnly', () => pick([true, 'true']));
  };
  const container = () =>
    oddElement(0.04, () => {
      const o = {};
      optional(o, 0.9, 'name', () => pick(['a', 'b', 'c', '']));
      optional(o, 0.5, 'image', () => pick(['nginx', 'busybox:1', '']));
      optional(o, 0.5, 'ports', () => list(port));
      optional(o, 0.4, 'env', () => list(env));
      optional(o, 0.3, 'volumeMounts', () => list(mount));
      optional(o, 0.3, 'securityContext', () => ({
        runAsNonRoot: pick([true, 'true', false]),
        capabilities: { drop: list(() => pick(['ALL', 'NET_RAW'])) },
      }));
      return optional(o, 0.2, 'resources', () => ({ limits: { memory: pick(['1Gi', 1, '']) } }));
    });
  const volume = () => {
    const o = {};
    optional(o, 0.85, 'name', () => pick(['v1', 'v2', '']));
    const source = pick(['emptyDir', 'hostPath', 'configMap']);
    o[source] = { emptyDir: {}, hostPath: { path: pick(['/x', '/var']) }, configMap: { name: 'c' } }[source];
    return o;
  };
  const podSpec = () => {
    const o = {};
    optional(o, 0.8, 'containers', () => list(container));
    optional(o, 0.3, 'initContainers', () => list(container, 2));
    optional(o, 0.2, 'ephemeralContainers', () => list(container, 1));
    optional(o, 0.3, 'volumes', () => list(volume));
    optional(o, 0.2, 'imagePullSecrets', () => list(() => ({ name: pick(['s1', 's2']) })));
    optional(o, 0.2, 'tolerations', () => list(() => ({ key: pick(['k1', 'k2']) })));
    optional(o, 0.2, 'topologySpreadConstraints', () =>
      list(() => ({
        topologyKey: pick(['zone', 'host']),
        whenUnsatisfiable: pick(['DoNotSchedule', 'x']),
        maxSkew: 1,
      })),
    );
    optional(o, 0.2, 'hostNetwork', () => pick([true, false, 'true']));
    return optional(o, 0.2, 'nodeSelector', () => ({ a: pick(['b', 1]) }));
  };
  const meta = () => {
    const o = { name: 'r' };
    optional(o, 0.5, 'labels', () => ({ app: pick(['a', 'b']), ...(chance() ? { x: pick(['1', 1, null]) } : {}) }));
    optional(o, 0.4, 'annotations', () => ({ a: pick(['x', 'true', '']) }));
    optional(o, 0.2, 'finalizers', () => list(() => pick(['f1', 'f2', '']), 2));
    return optional(o, 0.1, 'ownerReferences', () => list(() => ({ uid: pick(['u1', 'u2']), name: 'o' }), 2));
  };
  const servicePort = () => {
    const o = {};
    optional(o, 0.9, 'port', () => pick([80, 443, '80']));
    optional(o, 0.5, 'protocol', () => pick(['TCP', 'UDP']));
    return optional(o, 0.5, 'targetPort', () => pick([8080, 'http']));
  };
  const kinds = [
    () => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta(), spec: podSpec() }),
    () => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(),
      spec: { replicas: pick([1, '2']), template: { metadata: meta(), spec: podSpec() } },
    }),
    () => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: meta(),
      spec: { jobTemplate: { spec: { template: { spec: podSpec() } } } },
    }),
    () => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(), spec: { ports: list(servicePort) } }),
    () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(), data: { a: scalar(), b: scalar() } }),
  ];
  const anchors = ['+(', '(', '<(', '=(', 'X('];
  // A patch: a resource-shaped value thinned out, with anchors, directives and replaced values sprinkled in.
  const thin = (v, depth = 0) => {
    if (Array.isArray(v)) {
      const out = v.filter(() => chance(0.7)).map((e) => thin(e, depth + 1));
      if (chance(0.05)) out.push({ $patch: pick(['replace', 'delete']) });
      return out;
    }
    if (v && typeof v === 'object') {
      const out = {};
      for (const [k, x] of Object.entries(v)) {
        if (depth > 0 && chance(0.35)) continue;
        const key = chance(0.08) ? `${pick(anchors)}${k})` : k;
        out[key] = chance(0.06) ? pick([null, scalar(), {}]) : thin(x, depth + 1);
      }
      if (chance(0.03)) out.$patch = pick(['replace', 'delete', 'merge']);
      return out;
    }
    return chance(0.3) ? scalar() : v;
  };
  return {
    mergeCase() {
      const make = pick(kinds);
      const resource = make();
      const patch = thin(chance(0.7) ? make() : resource);
      delete patch.apiVersion;
      delete patch.kind;
      if (patch.metadata && chance(0.7)) delete patch.metadata.name;
      return { resource, patch };
    },
  };
}
